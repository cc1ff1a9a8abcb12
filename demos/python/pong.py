# pong — seed 004, "Callback Hell": pong_handler with callbacks, beside the coroutine, on a simulated client.
import asyncio


class Client:
    def __init__(self, name, message='ping', delay=1):
        self.loop = asyncio.get_running_loop()
        self.name = name
        self.listeners = {}
        self.received = self.loop.create_future()
        self.closed = self.loop.create_future()
        self.loop.call_later(delay, self.arrive, message)

    def on(self, event, listener):
        self.listeners.setdefault(event, []).append(listener)

    def read(self):
        return self.received

    def write(self, data):
        print(self.name, 'write', data)

    def flush(self):
        flushed = self.loop.create_future()

        def done():
            print(self.name, 'flushed')
            flushed.set_result(None)
            self.emit('data_written', '')
        self.loop.call_later(0.5, done)
        return flushed

    def close(self):
        print(self.name, 'closed')
        self.closed.set_result(None)

    def wait_closed(self):
        return self.closed

    def arrive(self, message):
        print(self.name, 'received', message)
        self.received.set_result(message)
        self.emit('data', message)

    def emit(self, event, data):
        for listener in self.listeners.get(event, []):
            listener(data)


def pong_handler_callbacks(client):
    def on_data(data):
        client.on('data_written', lambda _: client.close())
        client.write(data)
        client.flush()
    client.on('data', on_data)


async def pong_handler(client):
    client.write(await client.read())
    await client.flush()
    client.close()


async def main():
    client_a = Client('A')
    client_b = Client('B')
    pong_handler_callbacks(client_a)
    await asyncio.gather(pong_handler(client_b), client_a.wait_closed())


asyncio.run(main())
