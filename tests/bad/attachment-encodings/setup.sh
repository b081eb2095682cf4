# Attachments in the encodings Windows saves text in (made here: their
# bytes are not UTF-8, and the point is that they are not).
mkdir -p content/files
{
	printf 'Наставник;Наставляемый;Дата встречи\r\n'
	for d in 01 08 15 22 29; do
		printf 'Петрова А. Н.;Белова Дарья;%s.10.2025\r\n' "$d"
	done
	for d in 05 12 19 26 03 10 17; do
		printf 'Петрова А. Н.;Белова Дарья;%s.11.2025\r\n' "$d"
	done
} | iconv -f UTF-8 -t WINDOWS-1251 >content/files/vstrechi.csv
printf '\377\376' >content/files/spisok.txt
printf 'Список наставников\r\nСергеев Константин Олегович, учитель физики\r\n' |
	iconv -f UTF-8 -t UTF-16LE >>content/files/spisok.txt
printf 'Методисты:\n' >content/files/metodisty.txt
printf 'Иванова Мария Петровна\n' | iconv -f UTF-8 -t WINDOWS-1251 >>content/files/metodisty.txt
