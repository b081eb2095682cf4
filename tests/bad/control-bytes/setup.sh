# Control bytes in a title (ESC of a terminal escape, a NUL): the
# diagnostics show them as \x1b and \x00, never raw (made here: git shows
# raw control bytes badly).
printf -- '---\ntitle: "Новость \033[2J\033]0;pwned\007"\n---\nТекст\n' > content/news/esc.md
printf -- '---\ntitle: Ноль\000 здесь\n---\nТекст\n' > content/news/nul.md
