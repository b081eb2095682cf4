# Folders that are links: out of the project (/etc) and nowhere. Neither
# is walked.
mkdir -p content/files
ln -s /etc content/files/etc
ln -s /nonexistent-nastavnik content/orders/archive
