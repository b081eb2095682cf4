# Make a document just over the 4 MiB limit (not kept in git).
{ printf -- '---\ntitle: Большой файл\n---\n'; head -c 4194304 /dev/zero | tr '\0' 'a'; } > content/pages/bolshoy.md
