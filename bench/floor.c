/*
 * floor.c: the least work a generator of this kind must do, for
 * `make bench` to measure our build against.
 *
 *   floor CONTENT OUT
 *
 * For every Markdown file under CONTENT (sorted walk not needed: one
 * thread, no cross references), it reads the file, parses the front
 * matter with libyaml into a document tree, renders the body with
 * libcmark (smart punctuation on, as our typography does more) and writes
 * OUT/<path>.html with a title. Nothing else: no model, no checks, no
 * templates, no typography, no guard, no search index. Prints the CPU
 * time it used (user + system) and the bytes read and written.
 */
#include <cmark.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

static size_t bytes_in, bytes_out, files;

static char *slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	char *buf;
	ssize_t n;

	if (fd < 0 || fstat(fd, &st) < 0) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	buf = malloc((size_t)st.st_size + 1);
	n = buf ? read(fd, buf, (size_t)st.st_size) : -1;
	close(fd);
	if (n < 0) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

/* The front matter's `title`, parsed with the document tree; "" if none. */
static char *front_title(const char *yaml, size_t len)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root, *k, *v;
	yaml_node_pair_t *pair;
	char *title = NULL;

	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, len);
	if (yaml_parser_load(&parser, &doc)) {
		root = yaml_document_get_root_node(&doc);
		if (root && root->type == YAML_MAPPING_NODE)
			for (pair = root->data.mapping.pairs.start;
			     pair < root->data.mapping.pairs.top; pair++) {
				k = yaml_document_get_node(&doc, pair->key);
				v = yaml_document_get_node(&doc, pair->value);
				if (k && v && k->type == YAML_SCALAR_NODE &&
				    v->type == YAML_SCALAR_NODE &&
				    !strcmp((char *)k->data.scalar.value, "title"))
					title = strdup((char *)v->data.scalar.value);
			}
		yaml_document_delete(&doc);
	}
	yaml_parser_delete(&parser);
	return title ? title : strdup("");
}

static int one(const char *src, const char *dst)
{
	size_t len, ylen = 0;
	char *text = slurp(src, &len), *body, *title, *html, *end;
	FILE *f;

	if (!text)
		return -1;
	bytes_in += len;
	body = text;
	if (!strncmp(text, "---\n", 4) && (end = strstr(text + 4, "\n---\n"))) {
		ylen = (size_t)(end - (text + 4)) + 1;
		body = end + 5;
	}
	title = front_title(text + 4, ylen);
	html = cmark_markdown_to_html(body, strlen(body), CMARK_OPT_SMART);
	f = fopen(dst, "w");
	if (!f) {
		free(text);
		free(title);
		free(html);
		return -1;
	}
	bytes_out +=
		(size_t)fprintf(f,
				"<!DOCTYPE html>\n<html lang=\"ru\"><head><meta charset=\"utf-8\">"
				"<title>%s</title></head><body><h1>%s</h1>\n%s</body></html>\n",
				title, title, html);
	fclose(f);
	files++;
	free(text);
	free(title);
	free(html);
	return 0;
}

static int walk(const char *src, const char *dst)
{
	DIR *d = opendir(src);
	struct dirent *e;
	char s[4096], o[4096];
	size_t n;

	if (!d)
		return -1;
	if (mkdir(dst, 0755) < 0 && errno != EEXIST) {
		closedir(d);
		return -1;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(s, sizeof(s), "%s/%s", src, e->d_name);
		n = strlen(e->d_name);
		if (e->d_type == DT_DIR) {
			snprintf(o, sizeof(o), "%s/%s", dst, e->d_name);
			if (walk(s, o) < 0)
				break;
		} else if (n > 3 && !strcmp(e->d_name + n - 3, ".md")) {
			snprintf(o, sizeof(o), "%s/%.*s.html", dst, (int)(n - 3), e->d_name);
			if (one(s, o) < 0) {
				fprintf(stderr, "floor: %s: %s\n", s, strerror(errno));
				closedir(d);
				return -1;
			}
		}
	}
	closedir(d);
	return 0;
}

int main(int argc, char **argv)
{
	struct rusage ru;

	if (argc != 3) {
		fprintf(stderr, "usage: floor CONTENT OUT\n");
		return 2;
	}
	if (walk(argv[1], argv[2]) < 0)
		return 1;
	getrusage(RUSAGE_SELF, &ru);
	printf("floor: %zu files, %.1f MB read, %.1f MB written, cpu %.0f ms\n", files,
	       bytes_in / 1048576.0, bytes_out / 1048576.0,
	       (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000.0 +
		       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000.0);
	return 0;
}
