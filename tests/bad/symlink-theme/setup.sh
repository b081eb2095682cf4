# The project's template overrides (theme/) with links: a template and the
# custom stylesheet pointing at /etc/passwd.
mkdir -p theme/assets
ln -s /etc/passwd theme/page.mustache
ln -s /etc/passwd theme/assets/custom.css
