# The project's own copy of the theme (themes/default, which a build uses
# instead of the installed one) with links in it: a template and an asset
# pointing at /etc/passwd. `check` does not read the theme; `build`
# refuses both and writes nothing.
cp -R "$NV_ROOT/themes/default" themes-default
mkdir -p themes
mv themes-default themes/default
ln -sf /etc/passwd themes/default/document.mustache
ln -s /etc/passwd themes/default/assets/passwd.txt
