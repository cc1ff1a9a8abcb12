# demo: awaitables — seed 000's AsyncTask and ProducerTask, seed 001's runner, one after the other.
import asyncio


class AsyncTask:
    def __await__(self):
        return iter([])


class AsyncTaskYield:
    def __await__(self):
        yield


class ProducerTask:
    def __await__(self):
        print('Hello')
        yield
        print('World!')


class ComplexWork:
    def __await__(self):
        print('Hello')
        yield
        print('World')


async def runner():
    await ComplexWork()


async def session():
    await asyncio.ensure_future(AsyncTask())
    await asyncio.ensure_future(AsyncTaskYield())
    await asyncio.ensure_future(ProducerTask())
    await asyncio.create_task(runner())


result = asyncio.run(session())
if result is not None:
    print(repr(result))
