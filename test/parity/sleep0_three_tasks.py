# Three tasks giving the turn back with sleep(0), for different numbers of rounds.
import asyncio


async def spinner(name, rounds):
    for i in range(rounds):
        print(name, i)
        await asyncio.sleep(0)
    print(name, 'ends')
    return rounds


async def main():
    print(await asyncio.gather(spinner('a', 3), spinner('b', 1), spinner('c', 2)))

asyncio.run(main())
