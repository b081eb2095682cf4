# Large files, made here rather than kept in git.
mkdir -p content/files
{ printf '\377\330\377\340'; head -c 6499996 /dev/zero; } >content/files/IMG_2041.JPG
{ printf '\211PNG\r\n\032\n'; head -c 1048568 /dev/zero; } >content/files/rovno-1-mb.png
{ printf '\211PNG\r\n\032\n'; head -c 1500000 /dev/zero; } >content/positions/skrin.png
yes 'Протокол заседания методического объединения наставников.' | head -c 3000000 >content/files/protokol.txt
