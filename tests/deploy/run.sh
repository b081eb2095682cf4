#!/bin/sh
# nastavnik deploy against real servers started here on 127.0.0.1, on
# free high ports, as the user running the test, with their files in a
# temporary folder: OpenSSH's sftp (a test key), vsftpd (anonymous
# writes; and FTPS with a test certificate), nginx with WebDAV (PUT, DELETE, MKCOL; a password), and a
# file:// folder. For each: the first deploy (the files equal output/site),
# nothing changed, one changed page (only it is sent), a removed page
# (removed on the server), wrong credentials (the exact Russian error,
# the server unchanged), and a connection cut mid-upload (the server
# killed; the manifest lists only what arrived; the next deploy completes
# the site). Also: site.yml's deploy: checked by `check` (no password in
# it), --dry-run, no deploy: field, no built site, and the lock at the
# door (a file put into the site, a consent withdrawn since the build:
# nothing is sent).
# A protocol whose server binary is missing is skipped with a line.
# Usage: tests/deploy/run.sh BINARY
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
groups=""
cleanup() {
	for g in $groups; do kill -KILL "-$g" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() {
	fail=$((fail + 1))
	echo "deploy/$1"
}
export LC_ALL=C.UTF-8
unset NASTAVNIK_DEPLOY_USER NASTAVNIK_DEPLOY_PASSWORD NASTAVNIK_DEPLOY_KEY \
	NASTAVNIK_DEPLOY_KNOWN_HOSTS NASTAVNIK_DEPLOY_LIMIT NASTAVNIK_DEPLOY_CA
# No ~/.netrc or known_hosts of the user's own.
export HOME=$tmp/home
mkdir -p "$HOME"
me=$(id -un)

# The project: the small valid one, built once.
cp -R "$root/tests/bad/_base" "$tmp/p"
mkdir -p "$tmp/p/themes"
cp -R "$root/themes/default" "$tmp/p/themes/default"
cp "$tmp/p/content/site.yml" "$tmp/site.yml"
"$bin" build -C "$tmp/p" --no-pdf >/dev/null 2>&1 || bad "build: the project does not build"
site=$tmp/p/output/site
cp -R "$site" "$tmp/site.orig"

# A free TCP port on 127.0.0.1, from a range of this process's own.
next_port=$((20000 + $$ % 20000))
free_port() {
	while ss -Hltn "sport = :$next_port" 2>/dev/null | grep -q .; do
		next_port=$((next_port + 1))
	done
	port=$next_port
	next_port=$((next_port + 1))
}

# wait_port PORT: until something listens there (at most 5 s).
wait_port() {
	w=0
	while [ "$w" -lt 50 ]; do
		ss -Hltn "sport = :$1" 2>/dev/null | grep -q . && return 0
		sleep 0.1
		w=$((w + 1))
	done
	return 1
}

# start NAME COMMAND...: run a server in its own process group (its id in $srv_NAME).
start() {
	name=$1
	shift
	setsid "$@" >"$tmp/$name.out" 2>&1 &
	eval "srv_$name=$!"
	groups="$groups $!"
}
# kill_tree PID: PID and everything it started (sshd's children leave its group).
kill_tree() {
	for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do kill_tree "$c"; done
	kill -KILL "$1" 2>/dev/null
}
stop() {
	eval "g=\$srv_$1"
	kill -STOP "$g" 2>/dev/null
	kill_tree "$g"
	kill -KILL "-$g" 2>/dev/null
	wait "$g" 2>/dev/null
}

target() {
	sed '/^deploy:/d' "$tmp/site.yml" >"$tmp/p/content/site.yml"
	[ -n "$1" ] && echo "deploy: $1" >>"$tmp/p/content/site.yml"
}
reset_site() {
	rm -rf "$site"
	cp -R "$tmp/site.orig" "$site"
}
same() { diff -r -x .nastavnik-manifest -x .nastavnik-output -x .nastavnik-deploy-manifest "$site" "$1" >"$tmp/diff" 2>&1; }
deploy() { "$bin" deploy -C "$tmp/p" "$@" >"$tmp/out" 2>"$tmp/err"; }

# refused NAME URL MESSAGE HINT FOREIGN: a deploy to URL fails (code 2) with
# this error, a hint that holds HINT, and none of libcurl's words FOREIGN.
refused() {
	target "$2"
	deploy
	if [ $? -eq 2 ] && grep -qxF "nastavnik: ошибка: $2: $3" "$tmp/err" &&
		grep -qF "$4" "$tmp/err" && ! grep -q "$5" "$tmp/err"; then ok; else
		bad "$1"
		cat "$tmp/err"
	fi
}

# --- site.yml's deploy: --------------------------------------------------
# check_bad URL MESSAGE: `check` refuses the URL with this error.
check_bad() {
	target "$1"
	line=$(grep -n '^deploy:' "$tmp/p/content/site.yml" | cut -d: -f1)
	"$bin" check -C "$tmp/p" >"$tmp/out" 2>&1
	if grep -qF "content/site.yml:$line:9: ошибка: $2" "$tmp/out"; then ok; else
		bad "check $1: ожидалось «$2»:"
		cat "$tmp/out"
	fi
}
check_bad "sftp://mentor:secret@school14.example/www/" "поле «deploy»: в адресе записан пароль"
grep -q secret "$tmp/out" && bad "check: the password is shown (in the message or the source line under it)"
grep -qF "подсказка: уберите «:пароль»: site.yml попадает в Git; пароль передайте в NASTAVNIK_DEPLOY_PASSWORD или ~/.netrc (man nastavnik, команда deploy)" "$tmp/out" && ok || bad "check: no hint for the password"
check_bad "scp://school14.example/www/" "поле «deploy»: адрес «scp://school14.example/www/» не подходит: нужен адрес sftp://, ftp://, ftps://, http(s):// или file://"
check_bad "sftp:///www/" "поле «deploy»: адрес «sftp:///www/» не подходит: после «://» нужно имя сервера"
check_bad "ftp://school14.example" "поле «deploy»: адрес «ftp://school14.example» не подходит: после имени сервера нужен путь к папке сайта, хотя бы «/»"
target "sftp://deploy@school14.example/var/www/"
"$bin" check -C "$tmp/p" >"$tmp/out" 2>&1 && ! grep -q "ошибка" "$tmp/out" && ok || { bad "check: a good deploy: refused"; cat "$tmp/out"; }

target ""
deploy
if [ $? -eq 1 ] && grep -qF "content/site.yml: ошибка: не указано, куда публиковать сайт" "$tmp/err"; then ok; else
	bad "no deploy: field"
	cat "$tmp/err"
fi
# A folder inside content/ (not there yet, or by a link): the next build would read the site as attachments.
for url in "file://$tmp/p/content/files/sayt/" "file://$tmp/content-link/sayt/"; do
	ln -sfn "$tmp/p/content" "$tmp/content-link"
	target "$url"
	deploy
	if [ $? -eq 1 ] && grep -qF "content/site.yml: ошибка: поле «deploy»: папка публикации внутри content/, и следующая сборка приняла бы опубликованные страницы за вложения" "$tmp/err" &&
		grep -qF "подсказка: укажите папку вне проекта, например deploy: file:///srv/www/nastavnik/" "$tmp/err" &&
		[ ! -e "$tmp/p/content/files/sayt" ]; then ok; else
		bad "file:// into content/: $url"
		cat "$tmp/err"
	fi
done
rm -f "$tmp/content-link"
target "file://$tmp/nowhere/"
mv "$site" "$tmp/site.moved"
deploy
if [ $? -eq 2 ] && grep -qF "nastavnik: сайт ещё не собран: нет папки output/site" "$tmp/err"; then ok; else
	bad "no built site"
	cat "$tmp/err"
fi
mv "$tmp/site.moved" "$site"
deploy
if [ $? -eq 2 ] && grep -qF "file://$tmp/nowhere/: папка $tmp/nowhere/ не найдена" "$tmp/err"; then ok; else
	bad "file:// to a missing folder"
	cat "$tmp/err"
fi

# --- the cases, the same for every protocol ----------------------------------
# cases NAME URL DIR WRONG [nocut]: DIR is where the server keeps the
# files; WRONG an env assignment giving wrong credentials ("" for none);
# the caller exported the right ones. restart_NAME restarts the server
# for the cut, left out with "nocut".
cases() {
	name=$1 url=$2 dir=$3 wrong=$4 cut=${5:-}
	target "$url"
	reset_site
	nfiles=$(find "$site" -type f ! -name '.*' | wc -l)

	deploy --dry-run
	if [ $? -eq 0 ] && grep -qF "nastavnik: $url: будет отправлено $nfiles " "$tmp/out" &&
		grep -qxF "отправить: index.html" "$tmp/out" && [ ! -e "$dir/index.html" ]; then ok; else
		bad "$name: --dry-run"
		cat "$tmp/out" "$tmp/err"
	fi
	# The order: assets, pages, then the index pages.
	first_page=$(grep -n '^отправить: .*\.html$' "$tmp/out" | head -n 1 | cut -d: -f1)
	last_asset=$(grep -n '^отправить: .*\.css$' "$tmp/out" | tail -n 1 | cut -d: -f1)
	top_index=$(grep -n '^отправить: index\.html$' "$tmp/out" | cut -d: -f1)
	last_page=$(grep -n '^отправить: [a-z]*\.html$' "$tmp/out" | grep -v index | tail -n 1 | cut -d: -f1)
	if [ -n "$first_page" ] && [ "$last_asset" -lt "$first_page" ] && [ "$last_page" -lt "$top_index" ]; then ok; else
		bad "$name: order of --dry-run"
		cat "$tmp/out"
	fi

	deploy
	if [ $? -eq 0 ] && grep -qF "nastavnik: опубликовано на $url: отправлено $nfiles " "$tmp/out" && same "$dir"; then ok; else
		bad "$name: first deploy"
		cat "$tmp/out" "$tmp/err" "$tmp/diff"
	fi
	deploy
	if [ $? -eq 0 ] && grep -qF "nastavnik: на $url уже всё как в собранном сайте: без изменений $nfiles файлов" "$tmp/out"; then ok; else
		bad "$name: nothing changed"
		cat "$tmp/out" "$tmp/err"
	fi

	echo "<!-- изменено -->" >>"$site/mentors.html"
	deploy
	if [ $? -eq 0 ] && grep -qF "отправлено 1 файл (" "$tmp/out" &&
		grep -qF "удалено 0, без изменений $((nfiles - 1))," "$tmp/out" && same "$dir"; then ok; else
		bad "$name: one changed page"
		cat "$tmp/out" "$tmp/err" "$tmp/diff"
	fi

	rm "$site/search.html"
	deploy
	if [ $? -eq 0 ] && grep -qF "отправлено 0 файлов (0 байт), удалено 1, без изменений $((nfiles - 1))," "$tmp/out" &&
		[ ! -e "$dir/search.html" ] && same "$dir"; then ok; else
		bad "$name: a removed page"
		cat "$tmp/out" "$tmp/err" "$tmp/diff"
	fi

	if [ -n "$wrong" ]; then
		echo "<!-- ещё -->" >>"$site/mentors.html"
		cp -R "$dir" "$tmp/before"
		env $wrong "$bin" deploy -C "$tmp/p" >"$tmp/out" 2>"$tmp/err"
		st=$?
		if [ $st -eq 2 ] && [ "$(head -n 2 "$tmp/err")" = "nastavnik: ошибка: $url: сервер не принял имя пользователя или пароль
  подсказка: задайте их в переменных окружения NASTAVNIK_DEPLOY_USER и NASTAVNIK_DEPLOY_PASSWORD (для SFTP — ключ в NASTAVNIK_DEPLOY_KEY) или в ~/.netrc" ] &&
			diff -r "$tmp/before" "$dir" >/dev/null; then ok; else
			bad "$name: wrong credentials (код $st)"
			cat "$tmp/out" "$tmp/err"
		fi
		rm -rf "$tmp/before"
	fi
	[ "$cut" = nocut ] || cut_mid_upload "$name" "$url" "$dir"
}

# A bigger site sent slowly, the server killed in the middle.
cut_mid_upload() {
	name=$1 url=$2 dir=$3
	mkdir -p "$site/big"
	i=0
	while [ $i -lt 40 ]; do
		od -An -tu1 -N 12288 /dev/urandom >"$site/big/part-$i.txt"
		i=$((i + 1))
	done
	total=$(find "$site" -type f ! -name '.*' | wc -l)
	NASTAVNIK_DEPLOY_LIMIT=300000 "$bin" deploy -C "$tmp/p" >"$tmp/out" 2>"$tmp/err" &
	dpid=$!
	# Cut once the manifest on the server lists some of the big files (written every 2 s).
	w=0
	while [ "$w" -lt 150 ] && ! grep -q ' big/' "$dir/.nastavnik-deploy-manifest" 2>/dev/null; do
		sleep 0.1
		w=$((w + 1))
	done
	sleep 0.3
	stop "$name"
	wait $dpid
	st=$?
	if [ $st -eq 2 ] && grep -qE "сервер недоступен|связь с сервером прервалась" "$tmp/err" &&
		grep -qF "nastavnik: публикация прервана: отправлено" "$tmp/err"; then ok; else
		bad "$name: cut: the deploy did not fail (код $st)"
		cat "$tmp/out" "$tmp/err"
	fi
	# The manifest on the server lists only what arrived, whole.
	arrived=0
	if [ -f "$dir/.nastavnik-deploy-manifest" ]; then
		while read -r hash size path; do
			[ "$hash" = nastavnik-deploy ] || [ "$hash" = end ] && continue
			case $path in big/*)
				arrived=$((arrived + 1))
				cmp -s "$site/$path" "$dir/$path" || bad "$name: cut: $path in the manifest but not as sent"
				;;
			esac
		done <"$dir/.nastavnik-deploy-manifest"
	fi
	[ "$arrived" -gt 0 ] && [ "$arrived" -lt 40 ] && ok || bad "$name: cut: $arrived of 40 big files in the manifest, expected some"
	"restart_$name"
	deploy
	st=$?
	sent=$(sed -n 's/.*отправлено \([0-9]*\) .*/\1/p' "$tmp/out")
	if [ $st -eq 0 ] && [ -n "$sent" ] && [ "$sent" -le $((41 - arrived)) ] && same "$dir"; then ok; else
		bad "$name: cut: the next deploy (sent ${sent:-?}, arrived before $arrived)"
		cat "$tmp/out" "$tmp/err" "$tmp/diff"
	fi
	rm -rf "$site/big"
	deploy
	# WebDAV cannot remove only an empty folder: it stays there, empty.
	[ "$name" = webdav ] && rmdir "$dir/big"
	if grep -qF "удалено 40," "$tmp/out" && [ ! -e "$dir/big" ] && same "$dir"; then ok; else
		bad "$name: cut: removing the big files"
		cat "$tmp/out" "$tmp/err" "$tmp/diff"
	fi
}

# --- file:// -------------------------------------------------------------------
mkdir -p "$tmp/share"
cases file "file://$tmp/share/" "$tmp/share" "" nocut

# --- the lock at the door: deploy reads every file with the people of now -----
# door NAME WANT...: deploy fails (exit 1) with each WANT a line of its
# errors, ends «ничего не отправлено», and the target stays empty.
door() {
	name=$1
	shift
	mkdir -p "$tmp/door"
	target "file://$tmp/door/"
	deploy
	st=$?
	for want in "$@"; do
		grep -qxF "nastavnik: $want" "$tmp/err" || st="$st, нет строки «$want»"
	done
	if [ "$st" = 1 ] && [ -z "$(ls -A "$tmp/door")" ] &&
		tail -n 1 "$tmp/err" | grep -q '; ничего не отправлено$'; then ok; else
		bad "door: $name: $st"
		cat "$tmp/err"
	fi
	reset_site
}
# A list put into the site after the build, with a hidden person's name.
echo 'Список пар: Сергеев Константин Олегович' >"$site/spisok.txt"
door "a file put in" "output/site/spisok.txt: ошибка: в файле имя человека, которого сайт не называет: «Сергеев Константин Олегович» (sergeev-ko)"
# A consent withdrawn after the build: the built pages name her as she was.
sed -i '/^  publish: full$/s/full/none/' "$tmp/p/content/people.yml"
door "a consent withdrawn" "output/site/roadmaps/plan.html: ошибка: в файле имя человека, которого сайт не называет: «Петрова Анна Николаевна» (petrova-an)"
cp "$root/tests/bad/_base/content/people.yml" "$tmp/p/content/people.yml"
# A photo and the paper copy of an order (full names) put beside the pages.
printf 'JFIF' >"$site/news/foto.jpg"
"$bin" print -C "$tmp/p" o-vnedrenii -o "$tmp/prikaz.pdf" >/dev/null 2>&1
cp "$tmp/prikaz.pdf" "$site/orders/o-vnedrenii.pdf"
door "files not of the build" "output/site/news/foto.jpg: ошибка: файл не из сборки nastavnik" \
	"output/site/orders/o-vnedrenii.pdf: ошибка: файл не из сборки nastavnik"
grep -q 'соберите сайт заново (nastavnik build), и сборка уберёт файл из папки' "$tmp/err" ||
	bad "door: the hint for a file not of the build"
# The build the hint asks for takes such a file out, and says so.
"$bin" build -C "$tmp/p" --no-pdf >/dev/null 2>&1
printf 'JFIF' >"$site/news/foto.jpg"
"$bin" build -C "$tmp/p" --no-pdf >"$tmp/log" 2>&1
if grep -q '^nastavnik: output/site/news/foto.jpg: предупреждение: файл положен или изменён в папке сборки вручную' "$tmp/log" &&
	[ ! -e "$site/news/foto.jpg" ]; then ok; else
	bad "door: a build keeps a file put in by hand"
	cat "$tmp/log"
fi
reset_site
# ... but a photo beside a news item in content/ is an attachment: it goes.
printf 'JFIF' >"$tmp/p/content/news/foto.jpg"
"$bin" build -C "$tmp/p" --no-pdf >/dev/null 2>&1
mkdir -p "$tmp/door2"
target "file://$tmp/door2/"
deploy
if [ $? -eq 0 ] && [ -f "$tmp/door2/news/foto.jpg" ]; then ok; else
	bad "door: an attachment beside a news item"
	cat "$tmp/err"
fi
rm "$tmp/p/content/news/foto.jpg"
# A copied file is read for names typed with Latin look-alikes, as the
# build reads it: a list changed after the build, «Сергeев» with a Latin «e».
mkdir -p "$tmp/p/content/files"
echo 'Список группы' >"$tmp/p/content/files/spisok.txt"
"$bin" build -C "$tmp/p" --no-pdf >/dev/null 2>&1
echo 'Список группы: Сергeев Константин Олегович' >"$site/files/spisok.txt"
door "a look-alike in a copied file" "output/site/files/spisok.txt: ошибка: в файле имя человека, которого сайт не называет: «Сергeев Константин Олегович» (sergeev-ko)"
rm -r "$tmp/p/content/files"
"$bin" build -C "$tmp/p" --no-pdf >/dev/null 2>&1
reset_site

# --- SFTP: OpenSSH ---------------------------------------------------------------
sshd=$(command -v sshd || echo /usr/sbin/sshd)
if [ ! -x "$sshd" ]; then
	echo "deploy: sftp пропущен: нет sshd (пакет openssh-server)"
else
	s=$tmp/sshd
	mkdir -p "$s/www"
	ssh-keygen -q -t ed25519 -N '' -f "$s/hostkey"
	ssh-keygen -q -t ed25519 -N '' -f "$s/key"
	ssh-keygen -q -t ed25519 -N '' -f "$s/other"
	cp "$s/key.pub" "$s/authorized_keys"
	chmod 600 "$s/authorized_keys"
	free_port
	sport=$port
	cat >"$s/config" <<EOF
Port $sport
ListenAddress 127.0.0.1
HostKey $s/hostkey
PidFile $s/pid
AuthorizedKeysFile $s/authorized_keys
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
Subsystem sftp internal-sftp
LogLevel ERROR
EOF
	echo "[127.0.0.1]:$sport $(cut -d' ' -f1,2 "$s/hostkey.pub")" >"$s/known_hosts"
	# As root, sshd wants its privilege separation folder, as the package's service makes it.
	[ "$(id -u)" -eq 0 ] && [ ! -d /run/sshd ] && mkdir -p /run/sshd && chmod 755 /run/sshd
	restart_sftp() {
		start sftp "$sshd" -D -f "$s/config" -E "$s/log"
		wait_port "$sport" || bad "sftp: sshd did not start: $(cat "$s/log")"
	}
	restart_sftp
	export NASTAVNIK_DEPLOY_USER="$me" NASTAVNIK_DEPLOY_KEY="$s/key" NASTAVNIK_DEPLOY_KNOWN_HOSTS="$s/known_hosts"
	cases sftp "sftp://127.0.0.1:$sport$s/www/" "$s/www" "NASTAVNIK_DEPLOY_KEY=$s/other"
	# A host key that is not the known one.
	sed "s/^\[127.0.0.1\]:$sport ssh-ed25519 /[127.0.0.1]:$sport ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOb1s7kBm8lBn+ZW9vGz7lHpyxzBfzL4Ha0m1OC2Yv1J #/" "$s/known_hosts" >"$s/known_wrong"
	NASTAVNIK_DEPLOY_KNOWN_HOSTS=$s/known_wrong deploy
	if [ $? -eq 2 ] && grep -qF "nastavnik: ошибка: sftp://127.0.0.1:$sport$s/www/: не удалось подтвердить подлинность сервера" "$tmp/err"; then ok; else
		bad "sftp: a wrong host key"
		cat "$tmp/err"
	fi
	# A port that takes the connection and closes it with no SSH banner (a server
	# going away, or not SSH): libcurl's "Failure establishing ssh session" is
	# tried again, then said in Russian with where to look.
	free_port
	nport=$port
	start nobanner python3 -c "import socket
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', $nport))
s.listen(16)
while True:
    s.accept()[0].close()"
	wait_port "$nport" || bad "sftp: the server with no banner did not start"
	refused "sftp: a server with no SSH banner" "sftp://127.0.0.1:$nport$s/www/" \
		"сервер не отвечает как SFTP (SSH)" "SFTP обычно на порту 22" "ssh session"
	stop nobanner
	# ftp:// written for the SFTP port: sshd's banner is no FTP reply. Said at
	# once (libcurl would wait for one to its time limit: "сервер недоступен").
	refused "ftp: the SFTP port" "ftp://127.0.0.1:$sport$s/www/" \
		"сервер не отвечает как FTP: на этом порту работает SSH (SFTP)" \
		"если у сайта SFTP, начните адрес с sftp://" "недоступен"
	unset NASTAVNIK_DEPLOY_USER NASTAVNIK_DEPLOY_KEY NASTAVNIK_DEPLOY_KNOWN_HOSTS
	stop sftp
fi

# --- FTP: vsftpd, anonymous writes into a folder --------------------------------
vsftpd=$(command -v vsftpd || echo /usr/sbin/vsftpd)
if [ ! -x "$vsftpd" ]; then
	echo "deploy: ftp пропущен: нет vsftpd (пакет vsftpd)"
else
	f=$tmp/ftp
	mkdir -p "$f/root/www" "$f/empty"
	free_port
	fport=$port
	free_port
	pasv=$port
	next_port=$((next_port + 40))
	cat >"$f/config" <<EOF
listen=YES
listen_address=127.0.0.1
listen_port=$fport
background=NO
run_as_launching_user=YES
anonymous_enable=YES
local_enable=NO
no_anon_password=YES
anon_root=$f/root
write_enable=YES
anon_upload_enable=YES
anon_mkdir_write_enable=YES
anon_other_write_enable=YES
anon_umask=022
allow_writeable_chroot=YES
pasv_enable=YES
pasv_address=127.0.0.1
pasv_min_port=$pasv
pasv_max_port=$((pasv + 40))
secure_chroot_dir=$f/empty
seccomp_sandbox=NO
xferlog_enable=NO
EOF
	restart_ftp() {
		start ftp "$vsftpd" "$f/config"
		wait_port "$fport" || bad "ftp: vsftpd did not start: $(cat "$tmp/ftp.out")"
	}
	restart_ftp
	cases ftp "ftp://127.0.0.1:$fport/www/" "$f/root/www" "NASTAVNIK_DEPLOY_USER=mentor NASTAVNIK_DEPLOY_PASSWORD=wrong"
	# ftps:// at a server without TLS: OpenSSL's "wrong version number" said in Russian.
	refused "ftp: ftps:// at a server without TLS" "ftps://127.0.0.1:$fport/www/" \
		"не удалось установить защищённое соединение (TLS)" "сервер без него — ftp://" OpenSSL
	stop ftp

	# FTPS (implicit TLS), with the server's own certificate given in
	# NASTAVNIK_DEPLOY_CA; the transfers are FTP's, cut above.
	if ! command -v openssl >/dev/null 2>&1; then
		echo "deploy: ftps пропущен: нет openssl"
	else
		openssl req -x509 -newkey rsa:2048 -nodes -keyout "$f/key.pem" -out "$f/cert.pem" \
			-days 2 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" >/dev/null 2>&1
		free_port
		fport=$port
		mkdir -p "$f/root/tls"
		free_port
		next_port=$((next_port + 40))
		sed "s/^listen_port=.*/listen_port=$fport/; s/^pasv_min_port=.*/pasv_min_port=$port/; s/^pasv_max_port=.*/pasv_max_port=$((port + 40))/" "$f/config" >"$f/config-tls"
		cat >>"$f/config-tls" <<EOF
ssl_enable=YES
implicit_ssl=YES
allow_anon_ssl=YES
require_ssl_reuse=NO
rsa_cert_file=$f/cert.pem
rsa_private_key_file=$f/key.pem
EOF
		restart_ftps() {
			start ftps "$vsftpd" "$f/config-tls"
			wait_port "$fport" || bad "ftps: vsftpd did not start: $(cat "$tmp/ftps.out")"
		}
		restart_ftps
		target "ftps://127.0.0.1:$fport/tls/"
		deploy
		if [ $? -eq 2 ] && [ "$(head -n 1 "$tmp/err")" = "nastavnik: ошибка: ftps://127.0.0.1:$fport/tls/: не удалось подтвердить подлинность сервера" ] &&
			[ -z "$(ls "$f/root/tls")" ]; then ok; else
			bad "ftps: a certificate nobody vouches for"
			cat "$tmp/err"
		fi
		export NASTAVNIK_DEPLOY_CA="$f/cert.pem"
		cases ftps "ftps://127.0.0.1:$fport/tls/" "$f/root/tls" "NASTAVNIK_DEPLOY_USER=mentor NASTAVNIK_DEPLOY_PASSWORD=wrong" nocut
		unset NASTAVNIK_DEPLOY_CA
		stop ftps
	fi
fi

# --- WebDAV: nginx -------------------------------------------------------------------
nginx=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$nginx" ]; then
	echo "deploy: webdav пропущен: нет nginx (пакет nginx-light)"
else
	ngx=$tmp/nginx
	mkdir -p "$ngx/root/www" "$ngx/tmp"
	free_port
	hport=$port
	echo "deployer:{PLAIN}sekret" >"$ngx/htpasswd"
	user=""
	[ "$(id -u)" -eq 0 ] && user="user root;"
	cat >"$ngx/config" <<EOF
daemon off;
master_process off;
$user
pid $ngx/pid;
error_log $ngx/error.log;
events { worker_connections 64; }
http {
	access_log off;
	client_body_temp_path $ngx/tmp/body;
	proxy_temp_path $ngx/tmp/proxy;
	fastcgi_temp_path $ngx/tmp/fastcgi;
	uwsgi_temp_path $ngx/tmp/uwsgi;
	scgi_temp_path $ngx/tmp/scgi;
	server {
		listen 127.0.0.1:$hport;
		root $ngx/root;
		client_max_body_size 0;
		location /ro/ {
			auth_basic "deploy";
			auth_basic_user_file $ngx/htpasswd;
		}
		location / {
			dav_methods PUT DELETE MKCOL;
			dav_access user:rw group:r all:r;
			auth_basic "deploy";
			auth_basic_user_file $ngx/htpasswd;
		}
	}
}
EOF
	restart_webdav() {
		start webdav "$nginx" -c "$ngx/config" -p "$ngx/tmp"
		wait_port "$hport" || bad "webdav: nginx did not start: $(cat "$tmp/webdav.out" "$ngx/error.log")"
	}
	restart_webdav
	export NASTAVNIK_DEPLOY_USER=deployer NASTAVNIK_DEPLOY_PASSWORD=sekret
	cases webdav "http://127.0.0.1:$hport/www/" "$ngx/root/www" "NASTAVNIK_DEPLOY_PASSWORD=wrong"
	# A folder the server does not let us write into.
	target "http://127.0.0.1:$hport/ro/"
	deploy
	if [ $? -eq 2 ] && [ "$(head -n 2 "$tmp/err")" = "nastavnik: ошибка: http://127.0.0.1:$hport/ro/: нет прав на запись «assets/nastavnik.js»
  подсказка: попросите администратора сайта дать этому пользователю право записывать и удалять файлы в папке" ]; then ok; else
		bad "webdav: permission denied"
		cat "$tmp/err"
	fi
	# Nobody listens there (the server stopped).
	stop webdav
	target "http://127.0.0.1:$hport/www/"
	deploy
	if [ $? -eq 2 ] && [ "$(head -n 1 "$tmp/err")" = "nastavnik: ошибка: http://127.0.0.1:$hport/www/: сервер недоступен" ]; then ok; else
		bad "webdav: host unreachable"
		cat "$tmp/err"
	fi
	unset NASTAVNIK_DEPLOY_USER NASTAVNIK_DEPLOY_PASSWORD
	stop webdav
fi

echo "deploy: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
