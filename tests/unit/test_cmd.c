/* Unit tests for cmd.c: where a command may put what it makes. */
#include "common.h"

#include <unistd.h>

#include "alloc.h"
#include "cmd.h"
#include "fs.h"
#include "harness.h"

static void test_in_content(void)
{
	static const struct {
		const char *dir;
		bool in;
	} cases[] = {
		{ "p/content", true },
		{ "p/content/", true },
		{ "p//content//orders/", true },
		{ "./p/content/./orders", true },
		/* not there yet: as mkdir -p would make it */
		{ "p/content/novaya/papka", true },
		{ "p/content/novaya/../../sayt", false },
		{ "p/content/novaya/..", true },
		{ "p/content/orders/../..", false },
		{ "p/content/orders/prikaz.md/x", true },
		/* a name that only starts as the folder's */
		{ "p/content2", false },
		{ "p/content2/site", false },
		{ "p/output", false },
		{ "p", false },
		{ ".", false },
		{ "", false },
		{ "/", false },
		/* a link into content/, and a folder not there yet behind it */
		{ "link", true },
		{ "link/novaya", true },
		{ "link/novaya/../..", true },
		{ "link/../..", false },
	};
	char *old = getcwd(NULL, 0);
	size_t i;

	CHECK_INT(chdir(nv_test_tmpdir()), 0);
	CHECK_INT(nv_mkdir_p("p/content/orders"), 0);
	CHECK_INT(nv_mkdir_p("p/content2"), 0);
	CHECK_INT(nv_write_file("p/content/orders/prikaz.md", "---\n", 4), 0);
	CHECK_INT(symlink("p/content/orders", "link"), 0);
	for (i = 0; i < NV_ARRAY_SIZE(cases); i++) {
		if (nv_cmd_in_content(cases[i].dir, "p/content") != cases[i].in)
			(void)nv_test_failed(__FILE__, __LINE__, "«%s»: %s", cases[i].dir,
					     cases[i].in ? "not inside" : "inside");
	}
	/* An absolute path, the content folder given as one too. */
	{
		char *abs = nv_xasprintf("%s/p/content/orders/x", nv_test_tmpdir());
		char *top = nv_xasprintf("%s/p/content", nv_test_tmpdir());

		CHECK(nv_cmd_in_content(abs, top));
		CHECK(nv_cmd_in_content(abs, "p/content"));
		CHECK(!nv_cmd_in_content(abs, "p/content2"));
		free(abs);
		free(top);
	}
	/* No content folder: nothing is inside it. */
	CHECK(!nv_cmd_in_content("p/content", "p/net"));
	CHECK_INT(chdir(old), 0);
	free(old);
}

void nv_tests(void)
{
	NV_RUN(test_in_content);
}
