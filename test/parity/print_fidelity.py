# print spells values as Python does: exceptions by message, quotes, escapes, floats, sep and end.
import asyncio

async def main():
    print(ValueError('boom'))
    print([ValueError('boom')])
    print(["it's", 'say "hi"', 'both \' "', 'tab\there', 'new\nline', 'back\\slash'])
    print(-0.0, 1e-07, 0.0001, 0.00001, 1.5e-10, float('inf'), -float('inf'), float('nan'))
    print([-0.0, 1e-07, float('inf')])
    print('a', 'b', 'c', sep='-')
    print('no newline', end='')
    print(' then the rest')
    print('x', 'y', sep='', end='!\n')
    print(asyncio.CancelledError('stop'), [asyncio.CancelledError()])

asyncio.run(main())
