# Documents and data that are links: to a system file outside the project
# and to a file of the project outside content/. None is read, so no line
# of them shows in the messages, and nothing of them is published.
printf -- '---\ntitle: Черновик вне content\n---\n' > notes.md
ln -s /etc/passwd content/news/passwd.md
ln -s /etc/hostname content/people-extra.yml
ln -s ../../notes.md content/pages/notes.md
