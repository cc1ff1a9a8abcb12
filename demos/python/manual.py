# manual — seeds 001 and 002: iterating an awaitable by hand; the last next() is a StopIteration.


class ComplexWork:
    def __await__(self):
        print('Hello')
        yield
        print('World')


it = ComplexWork().__await__()
next(it)
try:
    next(it)
except StopIteration:
    print('StopIteration')
