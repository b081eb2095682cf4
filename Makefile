# nastavnik — build, test, install.
#
#   make site    build the tool and the demo organisation in content/
#   make check   every test (unit, spec, bad input, CLI), also under ASan+UBSan
#   make kill-long  the kill test (tests/kill) at many more points
#
# Dependencies are Debian packages installed by scripts/deps.sh (build: what
# `make site` needs; test: what the tests add), which runs
# once per build folder before the first compile. Objects go to $(BUILD).

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BUILD ?= build
CC ?= cc
OPT ?= -O2 -g
SAN ?=
WERROR ?= -Werror
FUZZ_TIME ?= 10
V ?=
Q := $(if $(V),,@)

# LAZY_PKGS are not linked: lazylib.c opens them with dlopen() in the
# commands that need them (start-up stays fast); NAME=PKG names each one's
# soname macro in $(BUILD)/gen/sonames.h.
LAZY := CURL=libcurl GIT2=libgit2 MHD=libmicrohttpd ZIP=libzip XML2=libxml-2.0 XLSX=xlsxwriter \
	GLIB=glib-2.0 GOBJECT=gobject-2.0 FC=fontconfig HB=harfbuzz CAIRO=cairo PANGO=pango \
	PANGOCAIRO=pangocairo POPPLER=poppler-glib
LAZY_PKGS := $(foreach l,$(LAZY),$(word 2,$(subst =, ,$(l))))
PKGS := libcmark yaml-0.1 zlib $(LAZY_PKGS)
WARNINGS := -Wall -Wextra $(WERROR) -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wpointer-arith -Wvla -Wno-missing-field-initializers
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
DATADIR ?= $(PREFIX)/share/nastavnik
CPPFLAGS_NV := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude \
	-DNV_VERSION='"$(VERSION)"' -DNV_DATADIR='"$(DATADIR)"'

LIB_SRC := $(filter-out generator/main.c generator/cmd_%.c,$(wildcard generator/*.c))
CMD_SRC := generator/main.c $(wildcard generator/cmd_*.c)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)

LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
CMD_OBJ := $(CMD_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
SPEC_BIN := $(if $(wildcard tests/spec/spec.c),$(BUILD)/tests/mustache-spec)
BIN := $(BUILD)/nastavnik

DEPS_OK := $(BUILD)/deps.ok
DEPS_TEST_OK := $(BUILD)/deps-test.ok
NPM_OK := $(BUILD)/npm.ok
PKG_CFLAGS := $(BUILD)/pkg.cflags
PKG_LIBS := $(BUILD)/pkg.libs

# The program's allocator: jemalloc spends ~8 % less CPU than glibc's malloc
# on a 10,000-document build (many small blocks, several threads) and
# peaks lower. Not under the sanitizers, which bring their own. Its options
# (transparent huge pages, an arena a core) are main.c's malloc_conf.
MALLOC_LIB := $(if $(SAN),,-ljemalloc)

# The program's libraries in the order the dynamic linker searches them:
# the allocator, then the C library, which define most of what the
# libraries look up (also those lazylib.c opens later: the program's
# own libraries come first in every lookup), then the rest. No symbol
# changes library (libm stays before libc, which shares a few).
LINK_FIRST := $(MALLOC_LIB) -lm -lc

# The program's own deflateInit_() (print_deflate.c) and __snprintf_chk()
# (print_printf.c), exported so that cairo's calls find them before zlib's
# and glibc's: the PDFs' streams at the fastest level, their numbers
# written without printf's machinery.
EXPORTS := -Wl,--export-dynamic-symbol=deflateInit_ -Wl,--export-dynamic-symbol=__snprintf_chk

ASAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
# The sanitizers' build, by clang: its UBSan also stops at arithmetic on a
# null pointer (NULL + 0, qsort of no array), which gcc's lets pass.
SAN_BUILD := build/asan-clang
SAN_BINS = $(MAKE) --no-print-directory BUILD=$(SAN_BUILD) CC=clang OPT="-O1 -g" \
	SAN="$(ASAN_FLAGS)" asan-bins

.SECONDARY:
.DELETE_ON_ERROR:

.PHONY: all site check unit spec asan valgrind fuzz fuzz-long fuzz-bins bench format install clean regress-bless typeset-report kill-long

all: $(BIN)

site: $(BIN)
	./$(BIN) build -C .

# Every test; tests/run.sh prints one line per suite and then the total.
check: $(BIN) $(UNIT_BIN) $(SPEC_BIN) $(DEPS_TEST_OK) $(NPM_OK)
	@$(SAN_BINS)
	@sh tests/run.sh $(BUILD) $(SAN_BUILD)

unit: $(UNIT_BIN)
	@sh tests/run.sh --unit-only $(BUILD)

spec: $(SPEC_BIN)
	@$(SPEC_BIN) tests/spec/mustache

asan-bins: $(BIN) $(UNIT_BIN) $(SPEC_BIN)

asan: $(DEPS_TEST_OK)
	@$(SAN_BINS)
	@sh tests/run.sh $(SAN_BUILD)

valgrind: $(BIN) $(UNIT_BIN) $(SPEC_BIN) $(DEPS_TEST_OK)
	@VALGRIND="valgrind -q --soname-synonyms=somalloc=*jemalloc* --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 --suppressions=$(CURDIR)/tests/valgrind.supp" \
		sh tests/run.sh $(BUILD)

# Regenerate the golden files; review `git diff tests/` before committing.
regress-bless: $(BIN)
	@sh tests/bad/run.sh --bless $(BIN)
	@sh tests/regress/run.sh --bless $(BIN)
	@git status --short tests/bad tests/regress

# Typesetting figures of the printed documents of the demo and the regress
# cases: hyphenated names, lines past the margin, loose lines, widows, …
# (tests/print/typeset-report.sh; not part of `make check`).
typeset-report: $(BIN)
	@sh scripts/deps.sh typeset
	@sh tests/print/typeset-report.sh $(BIN)

# libFuzzer harnesses, built with clang (not part of `make check`).
# `make fuzz` runs each briefly: FUZZ_TIME seconds, or FUZZ_TIME_NAME for
# harness NAME (make fuzz FUZZ_TIME_fuzz_project=180); FUZZ picks the
# harnesses (make fuzz FUZZ="fuzz_date fuzz_feeds"). `make fuzz-long` runs
# each for FUZZ_RUNS executions. One at a time, one process each; new
# inputs go to build/fuzz/corpus/NAME, crashes to build/fuzz/ — a crash
# found becomes a seed in tests/fuzz/corpus/NAME and a regression test.
FUZZ_BUILD := build/fuzz
FUZZ ?= $(FUZZ_SRC:tests/fuzz/%.c=%)
FUZZ_RUNS ?= 10000000
FUZZ_OPTS := -max_len=65536 -timeout=20 -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/

# fuzz_run NAME LIMIT: run one harness; its log is build/fuzz/NAME.log.
fuzz_run = mkdir -p $(FUZZ_BUILD)/corpus/$(1) tests/fuzz/corpus/$(1) && \
	echo "fuzz: $(1), $(2)" && \
	{ $(FUZZ_BUILD)/fuzz/$(1) $(2) $(FUZZ_OPTS) $(FUZZ_BUILD)/corpus/$(1) \
		tests/fuzz/corpus/$(1) 2>$(FUZZ_BUILD)/$(1).log || \
		{ tail -40 $(FUZZ_BUILD)/$(1).log; exit 1; }; } && \
	grep -E 'stat::number_of_executed_units|Done' $(FUZZ_BUILD)/$(1).log;

fuzz-bins: $(DEPS_TEST_OK)
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang OPT="-O1 -g" \
		SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" \
		$(FUZZ:%=$(FUZZ_BUILD)/fuzz/%)

fuzz: fuzz-bins
	@$(foreach f,$(FUZZ),$(call fuzz_run,$(f),-max_total_time=$(or $(FUZZ_TIME_$(f)),$(FUZZ_TIME))))

fuzz-long: fuzz-bins
	@$(foreach f,$(FUZZ),$(call fuzz_run,$(f),-runs=$(FUZZ_RUNS)))

$(BUILD)/fuzz/%: tests/fuzz/%.c $(LIB_OBJ) $(PKG_LIBS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_NV) $(OPT) -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all $$(cat $(PKG_CFLAGS)) \
		-o $@ $< $(LIB_OBJ) $$(cat $(PKG_LIBS)) -lhyphen -lpthread -lm

# Builds killed at 140 points, not just the 20 of `make check` (a few minutes).
kill-long: $(BIN)
	@sh tests/kill/run.sh $(BIN) --long

bench: $(DEPS_TEST_OK) $(BIN) $(BUILD)/bench/template_bench $(BUILD)/bench/guard_bench $(BUILD)/bench/floor
	@sh bench/run.sh $(BIN)
	@sh bench/municipal.sh $(BIN)

$(BUILD)/bench/template_bench: $(BUILD)/bench/template_bench.o $(LIB_OBJ) $(PKG_LIBS)
	@mkdir -p $(@D)
	$(if $(Q),@echo "  LINK    $@")
	$(Q)$(CC) $(OPT) $(SAN) -o $@ $< $(LIB_OBJ) $$(cat $(PKG_LIBS)) -lhyphen -lpthread -lm

# The floor: read, libyaml, libcmark, write; nothing of ours.
$(BUILD)/bench/floor: $(BUILD)/bench/floor.o $(PKG_LIBS)
	@mkdir -p $(@D)
	$(if $(Q),@echo "  LINK    $@")
	$(Q)$(CC) $(OPT) $(SAN) -o $@ $< $$(cat $(PKG_LIBS))

$(BUILD)/bench/guard_bench: $(BUILD)/bench/guard_bench.o $(LIB_OBJ) $(PKG_LIBS)
	@mkdir -p $(@D)
	$(if $(Q),@echo "  LINK    $@")
	$(Q)$(CC) $(OPT) $(SAN) -o $@ $< $(LIB_OBJ) $$(cat $(PKG_LIBS)) -lhyphen -lpthread -lm

format:
	clang-format -i generator/*.c include/*.h tests/unit/*.c tests/unit/*.h \
		$(wildcard tests/spec/*.c tests/fuzz/*.c bench/*.c)

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/nastavnik
	install -m 644 $(wildcard man/*.1) $(DESTDIR)$(MANDIR)/man1/
	for f in $(wildcard man/*.5); do install -m 644 $$f $(DESTDIR)$(MANDIR)/man5/; done
	for f in $(wildcard man/*.7); do install -m 644 $$f $(DESTDIR)$(MANDIR)/man7/; done
	mkdir -p $(DESTDIR)$(DATADIR)/themes
	cp -R themes/default $(DESTDIR)$(DATADIR)/themes/

clean:
	rm -rf build

# --- rules -----------------------------------------------------------------

$(DEPS_OK): scripts/deps.sh
	@mkdir -p $(@D)
	@sh scripts/deps.sh build
	@touch $@

# What the tests add (browser, validators, PDF tools, clang): not for `make site`.
$(DEPS_TEST_OK): scripts/deps.sh
	@mkdir -p $(@D)
	@sh scripts/deps.sh test
	@touch $@

# The browser tests' npm packages: for `make check` only, never for `make site`.
$(NPM_OK): $(DEPS_TEST_OK) scripts/npm-deps.sh tests/browser/package-lock.json tests/browser/package.json
	@sh scripts/npm-deps.sh
	@touch $@

$(PKG_CFLAGS): $(DEPS_OK) Makefile
	@pkg-config --cflags $(PKGS) > $@

$(PKG_LIBS): $(DEPS_OK) Makefile
	@pkg-config --libs $(filter-out $(LAZY_PKGS),$(PKGS)) > $@

SONAMES_H := $(BUILD)/gen/sonames.h
$(SONAMES_H): $(DEPS_OK) Makefile scripts/sonames.sh
	@mkdir -p $(@D)
	$(Q)sh scripts/sonames.sh "$(CC)" $(LAZY) > $@
$(BUILD)/generator/lazylib.o: $(SONAMES_H)
$(BUILD)/generator/lazylib.o: CPPFLAGS_NV += -I$(BUILD)/gen

$(BUILD)/%.o: %.c $(PKG_CFLAGS)
	@mkdir -p $(@D)
	$(if $(Q),@echo "  CC      $@")
	$(Q)$(CC) $(CPPFLAGS_NV) $(OPT) $(SAN) $(WARNINGS) $$(cat $(PKG_CFLAGS)) -MMD -MP -c -o $@ $<

# The built-in forms (forms/*.md), compiled into the program (model_forms.c).
FORMS_H := $(BUILD)/gen/forms_text.h
$(FORMS_H): $(wildcard forms/*.md) scripts/embed-forms.sh
	@mkdir -p $(@D)
	$(Q)sh scripts/embed-forms.sh forms $@
$(BUILD)/generator/model_forms.o: $(FORMS_H)
$(BUILD)/generator/model_forms.o: CPPFLAGS_NV += -I$(BUILD)/gen

# libhyphen's compiled Russian patterns (hyphenate.c), made on this machine
# from the dictionary hyphenate.h names; the program checks it loads that file.
HYPH_H := $(BUILD)/gen/hyphen_tables.h
HYPH_DIC := $(shell sed -n 's/^\#define NV_HYPHEN_RU "\(.*\)"/\1/p' include/hyphenate.h)
$(BUILD)/gen/hyphen-tables: scripts/hyphen-tables.c include/hyphenate.h $(DEPS_OK)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CPPFLAGS_NV) -O1 -o $@ $< -lhyphen
$(HYPH_H): $(BUILD)/gen/hyphen-tables $(wildcard $(HYPH_DIC))
	$(Q)$(BUILD)/gen/hyphen-tables >$@.tmp && mv $@.tmp $@
$(BUILD)/generator/hyphenate.o: $(HYPH_H)
$(BUILD)/generator/hyphenate.o: CPPFLAGS_NV += -I$(BUILD)/gen

$(BIN): $(CMD_OBJ) $(LIB_OBJ) $(PKG_LIBS)
	$(if $(Q),@echo "  LINK    $@")
	$(Q)$(CC) $(OPT) $(SAN) $(EXPORTS) -o $@ $(CMD_OBJ) $(LIB_OBJ) $(LINK_FIRST) $$(cat $(PKG_LIBS)) -lhyphen -lpthread -lm

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(BUILD)/tests/unit/harness.o $(LIB_OBJ) $(PKG_LIBS)
	@mkdir -p $(@D)
	$(if $(Q),@echo "  LINK    $@")
	$(Q)$(CC) $(OPT) $(SAN) -o $@ $< $(BUILD)/tests/unit/harness.o $(LIB_OBJ) $$(cat $(PKG_LIBS)) -lhyphen -lpthread -lm

$(BUILD)/tests/mustache-spec: $(BUILD)/tests/spec/spec.o $(LIB_OBJ) $(PKG_LIBS)
	@mkdir -p $(@D)
	$(if $(Q),@echo "  LINK    $@")
	$(Q)$(CC) $(OPT) $(SAN) -o $@ $< $(LIB_OBJ) $$(cat $(PKG_LIBS)) -lhyphen -lpthread -lm

-include $(LIB_OBJ:.o=.d) $(CMD_OBJ:.o=.d) $(UNIT_SRC:%.c=$(BUILD)/%.d) $(BUILD)/tests/spec/spec.d \
	$(BUILD)/bench/template_bench.d $(BUILD)/bench/guard_bench.d $(BUILD)/bench/floor.d
