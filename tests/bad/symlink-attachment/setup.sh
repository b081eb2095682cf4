# An attachment that is a link to /etc/passwd (made here, so that the
# link is what the case says whatever git does with it): refused at load,
# never copied into the site.
mkdir -p content/files
echo 'Анкета' > content/files/anketa.txt
ln -s /etc/passwd content/files/passwd.txt
