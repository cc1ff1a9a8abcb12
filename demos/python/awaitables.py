# awaitables — seed 000: AsyncTask and ProducerTask; seed 001: ComplexWork behind an await.
import asyncio


class AsyncTask:
    def __await__(self):
        return iter([])


loop = asyncio.new_event_loop()
loop.run_until_complete(AsyncTask())


class AsyncTask:
    def __await__(self):
        yield


loop.run_until_complete(AsyncTask())


class ProducerTask:
    def __await__(self):
        print('Hello')
        yield
        print('World!')


loop.run_until_complete(ProducerTask())

for _ in ProducerTask().__await__():
    pass


class ComplexWork:
    def __await__(self):
        print('Hello')
        yield
        print('World')


async def runner():
    await ComplexWork()


loop.run_until_complete(runner())
