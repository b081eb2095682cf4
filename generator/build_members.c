/*
 * build_members.c: a department's members, each one's data export got
 * from a member project built in-process, a saved file or a URL with a
 * cache; see build_members.h.
 *
 * A member project is opened as every command opens a project, with its
 * own diagnostics: its errors are its own to fix, so the department
 * gets one warning that names the member and the first error, and goes
 * on without it.
 */
#include "common.h"

#include <curl/curl.h>
#include <sys/stat.h>
#include <time.h>

#include "alloc.h"
#include "buf.h"
#include "build_git.h"
#include "build_members.h"
#include "date.h"
#include "diag.h"
#include "fs.h"
#include "lazylib.h"
#include "html.h"
#include "model.h"
#include "project.h"
#include "typo.h"
#include "value.h"
#include "yaml_load.h"

/* An export larger than this is not one (a school's is a few kilobytes). */
#define MAX_EXPORT (16u << 20)

struct loader {
	const struct nv_model *m;
	int jobs;
	struct nv_date today;
	struct nv_diags *d;
};

static bool is_url(const char *s)
{
	return !strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8) ||
	       !strncasecmp(s, "file://", 7);
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);

	return n >= k && !strcmp(s + n - k, tail);
}

/* Today, or the day of SOURCE_DATE_EPOCH (reproducible builds and tests). */
static struct nv_date today(void)
{
	struct nv_date d = nv_source_date();

	return d.year ? d : nv_date_today();
}

static struct nv_diag *warn(struct loader *l, const struct nv_org_member *mb, const char *fmt,
			    const char *a, const char *b)
{
	struct nv_buf msg = NV_BUF_INIT;
	struct nv_diag *dg;

	nv_buf_addf(&msg, fmt, mb->source, a ? a : "", b ? b : "");
	dg = nv_warning(l->d, l->m->site_yml, mb->line, mb->col, "%s", msg.ptr);
	nv_buf_release(&msg);
	return dg;
}

/* Parse text (JSON, which the YAML loader reads) and check it as mb's export. */
static int take_text(struct loader *l, struct nv_org_member *mb, const char *file,
		     const struct nv_buf *text)
{
	struct nv_diags pd = NV_DIAGS_INIT;
	struct nv_value *v = nv_yaml_load(file, text->ptr, text->len, 1, NULL, &pd);
	int rc;

	if (!v || v->type != NV_MAP) {
		nv_diag_hint(warn(l, mb,
				  "участник «%s»: %s — не выгрузка data.json (%s); организация "
				  "пропущена",
				  file, pd.nr ? pd.v[0].msg : "не набор полей"),
			     "укажите путь к проекту организации или к её data.json");
		nv_value_free(v);
		nv_diags_release(&pd);
		return -1;
	}
	nv_diags_release(&pd);
	rc = nv_org_member_read(mb, v, l->m->site_yml, l->today, l->d);
	return rc;
}

/* The warning for a member project with errors: the first of them, with its place. */
static void project_errors(struct loader *l, const struct nv_org_member *mb,
			   const struct nv_diags *pd)
{
	struct nv_buf first = NV_BUF_INIT;
	size_t i;

	for (i = 0; i < pd->nr && pd->v[i].severity != NV_ERROR; i++)
		;
	if (i < pd->nr && pd->v[i].file && pd->v[i].line)
		nv_buf_addf(&first, "%s:%d: ", pd->v[i].file, pd->v[i].line);
	nv_buf_adds(&first, i < pd->nr ? pd->v[i].msg : "папка не читается");
	nv_diag_hint(warn(l, mb,
			  "участник «%s»: в материалах организации есть ошибки (%s%s); "
			  "организация пропущена",
			  first.ptr, pd->errors > 1 ? " и другие" : ""),
		     "проверьте её проект: nastavnik -C %s check", mb->source);
	nv_buf_release(&first);
}

/* A member project: its content folder, loaded and exported here. */
static int from_project(struct loader *l, struct nv_org_member *mb, const char *content)
{
	struct nv_project_opts po = { content, false, l->jobs, NULL, NULL, true };
	struct nv_diags pd = NV_DIAGS_INIT;
	struct nv_project p;
	struct nv_git_history hist;
	char *base;
	int rc = -1;

	memset(&hist, 0, sizeof(hist));
	if (nv_project_load(&p, &po, &pd) < 0 || pd.errors) {
		project_errors(l, mb, &pd);
	} else {
		/* Its history dates its export, as the member's own build would. */
		nv_git_history_load(&hist, content, &pd);
		base = nv_html_section_url(&p.model, NULL);
		mb->built = true;
		rc = nv_org_member_read(mb, nv_html_data(&p.model, base, &hist), l->m->site_yml,
					l->today, l->d);
		free(base);
		if (hist.files)
			nv_git_history_release(&hist);
	}
	nv_project_release(&p);
	nv_diags_release(&pd);
	return rc;
}

static size_t on_write(char *data, size_t size, size_t n, void *ctx)
{
	struct nv_buf *b = ctx;

	if (b->len + size * n > MAX_EXPORT)
		return 0;
	nv_buf_add(b, data, size * n);
	return size * n;
}

/* Why a fetch failed, in Russian; curl's own words only for the rare cases. */
static void reason(char *err, CURLcode rc)
{
	const char *why = NULL;

	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
		why = "сервер не найден";
		break;
	case CURLE_COULDNT_CONNECT:
		why = "сервер недоступен";
		break;
	case CURLE_OPERATION_TIMEDOUT:
		why = "сервер не ответил вовремя";
		break;
	case CURLE_FILE_COULDNT_READ_FILE:
		why = "файла нет";
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CONNECT_ERROR:
		why = "не удалось подтвердить подлинность сервера";
		break;
	case CURLE_WRITE_ERROR:
		why = "файл больше 16 МБ";
		break;
	case CURLE_UNSUPPORTED_PROTOCOL:
		why = "такой адрес не поддерживается";
		break;
	default:
		break;
	}
	if (why)
		snprintf(err, CURL_ERROR_SIZE, "%s", why);
	else if (!err[0])
		snprintf(err, CURL_ERROR_SIZE, "ошибка сети: %s", curl_easy_strerror(rc));
}

/* GET url into out; 0, or -1 with the reason in err (-2: libcurl cannot be loaded). */
static int fetch(const char *url, struct nv_buf *out, char *err)
{
	static bool inited;
	CURL *c;
	CURLcode rc;
	long status = 0;

	if (nv_lib_load(NV_LIB_CURL, NULL) < 0) {
		snprintf(err, CURL_ERROR_SIZE, "%s", nv_lib_why(NV_LIB_CURL));
		return -2;
	}
	if (!inited) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		inited = true;
	}
	c = curl_easy_init();
	if (!c)
		return -1;
	err[0] = '\0';
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(c);
	if (rc == CURLE_OK && status >= 400) {
		snprintf(err, CURL_ERROR_SIZE, "сервер ответил %ld", status);
		return -1;
	}
	if (rc != CURLE_OK)
		reason(err, rc);
	return rc == CURLE_OK ? 0 : -1;
}

/* A URL: fetched and cached, or the cached copy with a notice. */
static int from_url(struct loader *l, struct nv_org_member *mb)
{
	struct nv_buf text = NV_BUF_INIT;
	char err[CURL_ERROR_SIZE], *slug = nv_slug(mb->source), *cache;
	struct nv_diag *dg;
	struct stat st;
	int rc = -1, got;

	cache = nv_xasprintf("%s/%s.json", NV_MEMBERS_CACHE, slug);
	if ((got = fetch(mb->source, &text, err)) == 0) {
		if (nv_mkdir_p(NV_MEMBERS_CACHE) == 0)
			nv_write_file(cache, text.ptr, text.len);
		rc = take_text(l, mb, mb->source, &text);
	} else if (stat(cache, &st) == 0 && nv_read_file(cache, MAX_EXPORT, &text) == 0) {
		mb->from_cache = true;
		nv_diag_hint(
			nv_diag_add(l->d, NV_NOTE, l->m->site_yml, mb->line, mb->col,
				    "участник «%s»: адрес недоступен (%s), взята копия из кэша %s",
				    mb->source, err, cache),
			"сводка собрана по сохранённым данным; при доступе к сети они "
			"обновятся сами");
		rc = take_text(l, mb, cache, &text);
	} else {
		dg = warn(l, mb,
			  "участник «%s»: не удалось получить данные (%s); организация пропущена",
			  err, NULL);
		if (got == -2)
			nv_diag_hint(
				dg,
				"установите зависимости: sh scripts/deps.sh (в Debian — пакет, "
				"в котором есть %s)",
				nv_lib_soname(NV_LIB_CURL));
		else
			nv_diag_hint(dg,
				     "проверьте адрес и сеть; после первой удачной загрузки сборка "
				     "работает и без сети (копия в %s)",
				     NV_MEMBERS_CACHE);
	}
	free(cache);
	free(slug);
	nv_buf_release(&text);
	return rc;
}

static int load_one(struct loader *l, struct nv_org_member *mb)
{
	struct nv_buf text = NV_BUF_INIT;
	char *content;
	int rc = -1;

	if (is_url(mb->source))
		return from_url(l, mb);
	if (ends_with(mb->source, ".json")) {
		if (nv_read_file(mb->source, MAX_EXPORT, &text) == 0)
			rc = take_text(l, mb, mb->source, &text);
		else
			nv_diag_hint(warn(l, mb,
					  "участник «%s»: файл не читается (%s); "
					  "организация пропущена",
					  nv_strerror(errno), NULL),
				     "проверьте путь: он считается от папки проекта управления");
		nv_buf_release(&text);
		return rc;
	}
	content = nv_xasprintf("%s/content", mb->source);
	if (!nv_is_dir(content)) {
		free(content);
		content = nv_xstrdup(mb->source);
	}
	nv_buf_addf(&text, "%s/site.yml", content);
	if (nv_exists(text.ptr))
		rc = from_project(l, mb, content);
	else
		nv_diag_hint(warn(l, mb,
				  "участник «%s»: не найден проект организации (нет %s); "
				  "организация пропущена",
				  text.ptr, NULL),
			     "укажите папку проекта (с content/site.yml) или её content/; путь "
			     "считается от папки проекта управления");
	nv_buf_release(&text);
	free(content);
	return rc;
}

size_t nv_members_load(struct nv_org_members *ms, const struct nv_model *m, int jobs,
		       struct nv_diags *d)
{
	const struct nv_value *list = m->site.members;
	struct loader l = { m, jobs, today(), d };
	size_t i, ok = 0;

	memset(ms, 0, sizeof(*ms));
	if (!list)
		return 0;
	ms->nr = list->nr;
	ms->v = nv_xcalloc(list->nr + 1, sizeof(*ms->v));
	for (i = 0; i < list->nr; i++) {
		ms->v[i].source = list->items[i]->str;
		ms->v[i].line = list->items[i]->line;
		ms->v[i].col = list->items[i]->col;
		ok += load_one(&l, &ms->v[i]) == 0;
	}
	return ok;
}

void nv_members_release(struct nv_org_members *ms)
{
	size_t i;

	if (!ms)
		return;
	for (i = 0; i < ms->nr; i++)
		nv_org_member_release(&ms->v[i]);
	free(ms->v);
	memset(ms, 0, sizeof(*ms));
}

bool nv_members_declared(const char *content)
{
	struct nv_buf b = NV_BUF_INIT;
	char *path = nv_xasprintf("%s/site.yml", content);
	bool yes = nv_read_file(path, 1u << 20, &b) == 0 &&
		   (!strncmp(b.ptr, "members:", 8) || strstr(b.ptr, "\nmembers:"));

	nv_buf_release(&b);
	free(path);
	return yes;
}
