// blessed's and blessed-contrib's files imported one by one (their packages type only the whole).
declare module 'blessed/lib/*';
declare module 'blessed-contrib/lib/*';
