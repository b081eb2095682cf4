/*
 * lazylib.c: the libraries only some commands need, opened with dlopen()
 * on first use; see lazylib.h.
 *
 * Every function the program calls in them is listed once below, with
 * its return type and parameters as the library's header declares them
 * (the compiler checks each definition against that declaration, and
 * the link fails if a call has no definition here). Each becomes a
 * pointer slot, filled by dlsym() when its library is opened, and a
 * function of the same name that calls through the slot. The variadic
 * ones are written out by hand after the lists.
 */
#include "common.h"

#include <dlfcn.h>
#include <pthread.h>

/* The headers declare the functions this file defines. */
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>
#include <git2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <microhttpd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <glib-object.h>
#include <glib.h>
#include <hb.h>
#include <pango/pangocairo.h>
#include <poppler.h>

#include "diag.h"
#include "lazylib.h"
#include "sonames.h"

/*
 * F(lib, type, name, params, args): a function returning type;
 * V(lib, name, params, args): a void one; E(lib, name): a symbol only
 * resolved, for the hand-written forwarders and the data symbol xmlFree.
 */
#define CURL_SYMS(F, V, E)                                                        \
	F(NV_LIB_CURL, CURLcode, curl_global_init, (long flags), (flags))         \
	F(NV_LIB_CURL, CURL *, curl_easy_init, (void), ())                        \
	V(NV_LIB_CURL, curl_easy_cleanup, (CURL * curl), (curl))                  \
	V(NV_LIB_CURL, curl_easy_reset, (CURL * curl), (curl))                    \
	F(NV_LIB_CURL, CURLcode, curl_easy_perform, (CURL * curl), (curl))        \
	F(NV_LIB_CURL, const char *, curl_easy_strerror, (CURLcode code), (code)) \
	F(NV_LIB_CURL, struct curl_slist *, curl_slist_append,                    \
	  (struct curl_slist * list, const char *data), (list, data))             \
	V(NV_LIB_CURL, curl_slist_free_all, (struct curl_slist * list), (list))   \
	E(NV_LIB_CURL, curl_easy_setopt)                                          \
	E(NV_LIB_CURL, curl_easy_getinfo)

#define GIT2_SYMS(F, V, E)                                                                         \
	F(NV_LIB_GIT2, int, git_libgit2_init, (void), ())                                          \
	F(NV_LIB_GIT2, int, git_libgit2_shutdown, (void), ())                                      \
	F(NV_LIB_GIT2, const git_error *, git_error_last, (void), ())                              \
	F(NV_LIB_GIT2, int, git_repository_open_ext,                                               \
	  (git_repository * *out, const char *path, unsigned int flags, const char *ceiling),      \
	  (out, path, flags, ceiling))                                                             \
	V(NV_LIB_GIT2, git_repository_free, (git_repository * repo), (repo))                       \
	F(NV_LIB_GIT2, int, git_repository_is_shallow, (git_repository * repo), (repo))            \
	F(NV_LIB_GIT2, const char *, git_repository_workdir, (const git_repository *repo), (repo)) \
	F(NV_LIB_GIT2, int, git_reference_name_to_id,                                              \
	  (git_oid * out, git_repository * repo, const char *name), (out, repo, name))             \
	F(NV_LIB_GIT2, char *, git_oid_tostr, (char *out, size_t n, const git_oid *id),            \
	  (out, n, id))                                                                            \
	F(NV_LIB_GIT2, int, git_revwalk_new, (git_revwalk * *out, git_repository * repo),          \
	  (out, repo))                                                                             \
	V(NV_LIB_GIT2, git_revwalk_free, (git_revwalk * walk), (walk))                             \
	F(NV_LIB_GIT2, int, git_revwalk_next, (git_oid * out, git_revwalk * walk), (out, walk))    \
	F(NV_LIB_GIT2, int, git_revwalk_push_head, (git_revwalk * walk), (walk))                   \
	F(NV_LIB_GIT2, int, git_revwalk_sorting, (git_revwalk * walk, unsigned int mode),          \
	  (walk, mode))                                                                            \
	F(NV_LIB_GIT2, int, git_commit_lookup,                                                     \
	  (git_commit * *commit, git_repository * repo, const git_oid *id), (commit, repo, id))    \
	V(NV_LIB_GIT2, git_commit_free, (git_commit * commit), (commit))                           \
	F(NV_LIB_GIT2, const git_signature *, git_commit_author, (const git_commit *commit),       \
	  (commit))                                                                                \
	F(NV_LIB_GIT2, const git_oid *, git_commit_id, (const git_commit *commit), (commit))       \
	F(NV_LIB_GIT2, const char *, git_commit_message, (const git_commit *commit), (commit))     \
	F(NV_LIB_GIT2, int, git_commit_parent,                                                     \
	  (git_commit * *out, const git_commit *commit, unsigned int n), (out, commit, n))         \
	F(NV_LIB_GIT2, unsigned int, git_commit_parentcount, (const git_commit *commit), (commit)) \
	F(NV_LIB_GIT2, int, git_commit_tree, (git_tree * *out, const git_commit *commit),          \
	  (out, commit))                                                                           \
	V(NV_LIB_GIT2, git_tree_free, (git_tree * tree), (tree))                                   \
	F(NV_LIB_GIT2, int, git_diff_tree_to_tree,                                                 \
	  (git_diff * *diff, git_repository * repo, git_tree * old_tree, git_tree * new_tree,      \
	   const git_diff_options *opts),                                                          \
	  (diff, repo, old_tree, new_tree, opts))                                                  \
	V(NV_LIB_GIT2, git_diff_free, (git_diff * diff), (diff))                                   \
	F(NV_LIB_GIT2, const git_diff_delta *, git_diff_get_delta,                                 \
	  (const git_diff *diff, size_t idx), (diff, idx))                                         \
	F(NV_LIB_GIT2, size_t, git_diff_num_deltas, (const git_diff *diff), (diff))

#define MHD_SYMS(F, V, E)                                                                      \
	F(NV_LIB_MHD, enum MHD_Result, MHD_add_response_header,                                \
	  (struct MHD_Response * response, const char *header, const char *content),           \
	  (response, header, content))                                                         \
	F(NV_LIB_MHD, struct MHD_Response *, MHD_create_response_from_buffer,                  \
	  (size_t size, void *buffer, enum MHD_ResponseMemoryMode mode), (size, buffer, mode)) \
	F(NV_LIB_MHD, struct MHD_Response *, MHD_create_response_from_fd64,                    \
	  (uint64_t size, int fd), (size, fd))                                                 \
	V(NV_LIB_MHD, MHD_destroy_response, (struct MHD_Response * response), (response))      \
	F(NV_LIB_MHD, enum MHD_Result, MHD_get_timeout,                                        \
	  (struct MHD_Daemon * daemon, unsigned long long *timeout), (daemon, timeout))        \
	F(NV_LIB_MHD, const char *, MHD_lookup_connection_value,                               \
	  (struct MHD_Connection * connection, enum MHD_ValueKind kind, const char *key),      \
	  (connection, kind, key))                                                             \
	F(NV_LIB_MHD, enum MHD_Result, MHD_queue_response,                                     \
	  (struct MHD_Connection * connection, unsigned int status_code,                       \
	   struct MHD_Response *response),                                                     \
	  (connection, status_code, response))                                                 \
	F(NV_LIB_MHD, enum MHD_Result, MHD_run, (struct MHD_Daemon * daemon), (daemon))        \
	V(NV_LIB_MHD, MHD_stop_daemon, (struct MHD_Daemon * daemon), (daemon))                 \
	E(NV_LIB_MHD, MHD_start_daemon_va)                                                     \
	E(NV_LIB_MHD, MHD_get_daemon_info)

#define ZIP_SYMS(F, V, E)                                                                         \
	V(NV_LIB_ZIP, zip_discard, (zip_t * za), (za))                                            \
	V(NV_LIB_ZIP, zip_error_fini, (zip_error_t * err), (err))                                 \
	V(NV_LIB_ZIP, zip_error_init, (zip_error_t * err), (err))                                 \
	F(NV_LIB_ZIP, int, zip_fclose, (zip_file_t * zf), (zf))                                   \
	F(NV_LIB_ZIP, zip_file_t *, zip_fopen_index,                                              \
	  (zip_t * za, zip_uint64_t index, zip_flags_t fl), (za, index, fl))                      \
	F(NV_LIB_ZIP, const char *, zip_get_name,                                                 \
	  (zip_t * za, zip_uint64_t index, zip_flags_t fl), (za, index, fl))                      \
	F(NV_LIB_ZIP, zip_int64_t, zip_fread, (zip_file_t * zf, void *buf, zip_uint64_t n),       \
	  (zf, buf, n))                                                                           \
	F(NV_LIB_ZIP, zip_int64_t, zip_get_num_entries, (zip_t * za, zip_flags_t fl), (za, fl))   \
	F(NV_LIB_ZIP, zip_int64_t, zip_name_locate,                                               \
	  (zip_t * za, const char *name, zip_flags_t fl), (za, name, fl))                         \
	F(NV_LIB_ZIP, zip_t *, zip_open_from_source,                                              \
	  (zip_source_t * src, int flags, zip_error_t *err), (src, flags, err))                   \
	F(NV_LIB_ZIP, zip_source_t *, zip_source_buffer_create,                                   \
	  (const void *data, zip_uint64_t len, int freep, zip_error_t *err),                      \
	  (data, len, freep, err))                                                                \
	V(NV_LIB_ZIP, zip_source_free, (zip_source_t * src), (src))                               \
	F(NV_LIB_ZIP, int, zip_stat_index,                                                        \
	  (zip_t * za, zip_uint64_t index, zip_flags_t fl, zip_stat_t * st), (za, index, fl, st)) \
	V(NV_LIB_ZIP, zip_stat_init, (zip_stat_t * st), (st))

#define XML2_SYMS(F, V, E)                                                                     \
	F(NV_LIB_XML2, xmlErrorPtr, xmlCtxtGetLastError, (void *ctx), (ctx))                   \
	F(NV_LIB_XML2, xmlDocPtr, xmlCtxtReadMemory,                                           \
	  (xmlParserCtxtPtr ctxt, const char *buffer, int size, const char *URL,               \
	   const char *encoding, int options),                                                 \
	  (ctxt, buffer, size, URL, encoding, options))                                        \
	F(NV_LIB_XML2, xmlNodePtr, xmlDocGetRootElement, (const xmlDoc *doc), (doc))           \
	V(NV_LIB_XML2, xmlFreeDoc, (xmlDocPtr cur), (cur))                                     \
	V(NV_LIB_XML2, xmlFreeParserCtxt, (xmlParserCtxtPtr ctxt), (ctxt))                     \
	F(NV_LIB_XML2, xmlChar *, xmlGetNsProp,                                                \
	  (const xmlNode *node, const xmlChar *name, const xmlChar *ns), (node, name, ns))     \
	F(NV_LIB_XML2, xmlParserCtxtPtr, xmlNewParserCtxt, (void), ())                         \
	F(NV_LIB_XML2, xmlChar *, xmlNodeGetContent, (const xmlNode *cur), (cur))              \
	V(NV_LIB_XML2, xmlSetStructuredErrorFunc, (void *ctx, xmlStructuredErrorFunc handler), \
	  (ctx, handler))                                                                      \
	E(NV_LIB_XML2, xmlFree)

#define XLSX_SYMS(F, V, E)                                                                         \
	V(NV_LIB_XLSX, format_set_align, (lxw_format * f, uint8_t alignment), (f, alignment))      \
	V(NV_LIB_XLSX, format_set_bold, (lxw_format * f), (f))                                     \
	V(NV_LIB_XLSX, format_set_font_size, (lxw_format * f, double size), (f, size))             \
	V(NV_LIB_XLSX, format_set_num_format, (lxw_format * f, const char *num_format),            \
	  (f, num_format))                                                                         \
	V(NV_LIB_XLSX, format_set_text_wrap, (lxw_format * f), (f))                                \
	V(NV_LIB_XLSX, format_set_top, (lxw_format * f, uint8_t style), (f, style))                \
	F(NV_LIB_XLSX, char *, lxw_strerror, (lxw_error error_num), (error_num))                   \
	F(NV_LIB_XLSX, lxw_format *, workbook_add_format, (lxw_workbook * wb), (wb))               \
	F(NV_LIB_XLSX, lxw_worksheet *, workbook_add_worksheet,                                    \
	  (lxw_workbook * wb, const char *sheetname), (wb, sheetname))                             \
	F(NV_LIB_XLSX, lxw_error, workbook_close, (lxw_workbook * wb), (wb))                       \
	F(NV_LIB_XLSX, lxw_workbook *, workbook_new, (const char *filename), (filename))           \
	F(NV_LIB_XLSX, lxw_error, workbook_set_properties,                                         \
	  (lxw_workbook * wb, lxw_doc_properties * properties), (wb, properties))                  \
	F(NV_LIB_XLSX, lxw_error, worksheet_autofilter,                                            \
	  (lxw_worksheet * ws, lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row,       \
	   lxw_col_t last_col),                                                                    \
	  (ws, first_row, first_col, last_row, last_col))                                          \
	V(NV_LIB_XLSX, worksheet_freeze_panes, (lxw_worksheet * ws, lxw_row_t row, lxw_col_t col), \
	  (ws, row, col))                                                                          \
	F(NV_LIB_XLSX, lxw_error, worksheet_set_column,                                            \
	  (lxw_worksheet * ws, lxw_col_t first_col, lxw_col_t last_col, double width,              \
	   lxw_format *format),                                                                    \
	  (ws, first_col, last_col, width, format))                                                \
	F(NV_LIB_XLSX, lxw_error, worksheet_write_datetime,                                        \
	  (lxw_worksheet * ws, lxw_row_t row, lxw_col_t col, lxw_datetime * datetime,              \
	   lxw_format * format),                                                                   \
	  (ws, row, col, datetime, format))                                                        \
	F(NV_LIB_XLSX, lxw_error, worksheet_write_number,                                          \
	  (lxw_worksheet * ws, lxw_row_t row, lxw_col_t col, double number, lxw_format *format),   \
	  (ws, row, col, number, format))                                                          \
	F(NV_LIB_XLSX, lxw_error, worksheet_write_string,                                          \
	  (lxw_worksheet * ws, lxw_row_t row, lxw_col_t col, const char *string,                   \
	   lxw_format *format),                                                                    \
	  (ws, row, col, string, format))

/*
 * The print engine's: Pango and the libraries under it, each resolved
 * in its own (print_*.c call them directly).
 */
#define GLIB_SYMS(F, V, E)                                                                     \
	F(NV_LIB_GLIB, gint, g_ascii_strcasecmp, (const gchar *s1, const gchar *s2), (s1, s2)) \
	V(NV_LIB_GLIB, g_bytes_unref, (GBytes * bytes), (bytes))                               \
	F(NV_LIB_GLIB, GBytes *, g_bytes_new_static, (gconstpointer data, gsize size),         \
	  (data, size))                                                                        \
	V(NV_LIB_GLIB, g_error_free, (GError * error), (error))                                \
	V(NV_LIB_GLIB, g_free, (gpointer mem), (mem))                                          \
	F(NV_LIB_GLIB, gboolean, g_unichar_isalpha, (gunichar c), (c))                         \
	F(NV_LIB_GLIB, gchar *, g_utf8_find_prev_char, (const gchar *str, const gchar *p),     \
	  (str, p))                                                                            \
	F(NV_LIB_GLIB, gunichar, g_utf8_get_char, (const gchar *p), (p))                       \
	F(NV_LIB_GLIB, glong, g_utf8_pointer_to_offset, (const gchar *str, const gchar *pos),  \
	  (str, pos))

#define GOBJECT_SYMS(F, V, E)                                                                     \
	F(NV_LIB_GOBJECT, gpointer, g_object_get_data, (GObject * object, const gchar *key),      \
	  (object, key))                                                                          \
	F(NV_LIB_GOBJECT, gpointer, g_object_ref, (gpointer object), (object))                    \
	V(NV_LIB_GOBJECT, g_object_set_data, (GObject * object, const gchar *key, gpointer data), \
	  (object, key, data))                                                                    \
	V(NV_LIB_GOBJECT, g_object_unref, (gpointer object), (object))                            \
	F(NV_LIB_GOBJECT, GTypeInstance *, g_type_check_instance_cast,                            \
	  (GTypeInstance * instance, GType iface_type), (instance, iface_type))                   \
	F(NV_LIB_GOBJECT, gboolean, g_type_check_instance_is_a,                                   \
	  (GTypeInstance * instance, GType iface_type), (instance, iface_type))

#define FC_SYMS(F, V, E)                                                                       \
	F(NV_LIB_FC, FcBool, FcConfigBuildFonts, (FcConfig * config), (config))                \
	F(NV_LIB_FC, FcConfig *, FcConfigCreate, (void), ())                                   \
	V(NV_LIB_FC, FcConfigDestroy, (FcConfig * config), (config))                           \
	F(NV_LIB_FC, FcStrList *, FcConfigGetCacheDirs, (FcConfig * config), (config))         \
	F(NV_LIB_FC, FcBool, FcConfigParseAndLoad,                                             \
	  (FcConfig * config, const FcChar8 *file, FcBool complain), (config, file, complain)) \
	F(NV_LIB_FC, FcBool, FcConfigSetCurrent, (FcConfig * config), (config))                \
	V(NV_LIB_FC, FcStrListDone, (FcStrList * list), (list))                                \
	F(NV_LIB_FC, FcChar8 *, FcStrListNext, (FcStrList * list), (list))

#define HB_SYMS(F, V, E)                                                                \
	F(NV_LIB_HB, hb_font_t *, hb_font_create, (hb_face_t * face), (face))           \
	V(NV_LIB_HB, hb_font_destroy, (hb_font_t * font), (font))                       \
	F(NV_LIB_HB, hb_face_t *, hb_font_get_face, (hb_font_t * font), (font))         \
	F(NV_LIB_HB, hb_position_t, hb_font_get_glyph_h_advance,                        \
	  (hb_font_t * font, hb_codepoint_t glyph), (font, glyph))                      \
	F(NV_LIB_HB, hb_bool_t, hb_font_get_nominal_glyph,                              \
	  (hb_font_t * font, hb_codepoint_t unicode, hb_codepoint_t * glyph),           \
	  (font, unicode, glyph))                                                       \
	V(NV_LIB_HB, hb_font_get_scale, (hb_font_t * font, int *x_scale, int *y_scale), \
	  (font, x_scale, y_scale))                                                     \
	V(NV_LIB_HB, hb_font_set_scale, (hb_font_t * font, int x_scale, int y_scale),   \
	  (font, x_scale, y_scale))

#define CAIRO_SYMS(F, V, E)                                                                        \
	F(NV_LIB_CAIRO, cairo_t *, cairo_create, (cairo_surface_t * target), (target))             \
	V(NV_LIB_CAIRO, cairo_destroy, (cairo_t * cr), (cr))                                       \
	V(NV_LIB_CAIRO, cairo_fill, (cairo_t * cr), (cr))                                          \
	F(NV_LIB_CAIRO, cairo_font_options_t *, cairo_font_options_create, (void), ())             \
	V(NV_LIB_CAIRO, cairo_font_options_destroy, (cairo_font_options_t * options), (options))   \
	V(NV_LIB_CAIRO, cairo_font_options_set_hint_metrics,                                       \
	  (cairo_font_options_t * options, cairo_hint_metrics_t hint_metrics),                     \
	  (options, hint_metrics))                                                                 \
	V(NV_LIB_CAIRO, cairo_font_options_set_hint_style,                                         \
	  (cairo_font_options_t * options, cairo_hint_style_t hint_style), (options, hint_style))  \
	V(NV_LIB_CAIRO, cairo_get_current_point, (cairo_t * cr, double *x, double *y), (cr, x, y)) \
	F(NV_LIB_CAIRO, cairo_surface_t *, cairo_image_surface_create,                             \
	  (cairo_format_t format, int width, int height), (format, width, height))                 \
	F(NV_LIB_CAIRO, cairo_surface_t *, cairo_image_surface_create_from_png_stream,             \
	  (cairo_read_func_t read_func, void *closure), (read_func, closure))                      \
	V(NV_LIB_CAIRO, cairo_paint, (cairo_t * cr), (cr))                                         \
	V(NV_LIB_CAIRO, cairo_restore, (cairo_t * cr), (cr))                                       \
	V(NV_LIB_CAIRO, cairo_save, (cairo_t * cr), (cr))                                          \
	V(NV_LIB_CAIRO, cairo_scale, (cairo_t * cr, double sx, double sy), (cr, sx, sy))           \
	V(NV_LIB_CAIRO, cairo_set_source_surface,                                                  \
	  (cairo_t * cr, cairo_surface_t * surface, double x, double y), (cr, surface, x, y))      \
	F(NV_LIB_CAIRO, cairo_status_t, cairo_surface_set_mime_data,                               \
	  (cairo_surface_t * surface, const char *mime_type, const unsigned char *data,            \
	   unsigned long length, cairo_destroy_func_t destroy, void *closure),                     \
	  (surface, mime_type, data, length, destroy, closure))                                    \
	V(NV_LIB_CAIRO, cairo_transform, (cairo_t * cr, const cairo_matrix_t *matrix),             \
	  (cr, matrix))                                                                            \
	V(NV_LIB_CAIRO, cairo_translate, (cairo_t * cr, double tx, double ty), (cr, tx, ty))       \
	V(NV_LIB_CAIRO, cairo_line_to, (cairo_t * cr, double x, double y), (cr, x, y))             \
	V(NV_LIB_CAIRO, cairo_move_to, (cairo_t * cr, double x, double y), (cr, x, y))             \
	F(NV_LIB_CAIRO, int, cairo_pdf_surface_add_outline,                                        \
	  (cairo_surface_t * surface, int parent_id, const char *utf8, const char *link_attribs,   \
	   cairo_pdf_outline_flags_t flags),                                                       \
	  (surface, parent_id, utf8, link_attribs, flags))                                         \
	F(NV_LIB_CAIRO, cairo_surface_t *, cairo_pdf_surface_create_for_stream,                    \
	  (cairo_write_func_t write_func, void *closure, double width_in_points,                   \
	   double height_in_points),                                                               \
	  (write_func, closure, width_in_points, height_in_points))                                \
	V(NV_LIB_CAIRO, cairo_pdf_surface_restrict_to_version,                                     \
	  (cairo_surface_t * surface, cairo_pdf_version_t version), (surface, version))            \
	V(NV_LIB_CAIRO, cairo_pdf_surface_set_metadata,                                            \
	  (cairo_surface_t * surface, cairo_pdf_metadata_t metadata, const char *utf8),            \
	  (surface, metadata, utf8))                                                               \
	V(NV_LIB_CAIRO, cairo_pdf_surface_set_size,                                                \
	  (cairo_surface_t * surface, double width_in_points, double height_in_points),            \
	  (surface, width_in_points, height_in_points))                                            \
	V(NV_LIB_CAIRO, cairo_rectangle,                                                           \
	  (cairo_t * cr, double x, double y, double width, double height),                         \
	  (cr, x, y, width, height))                                                               \
	V(NV_LIB_CAIRO, cairo_set_line_cap, (cairo_t * cr, cairo_line_cap_t line_cap),             \
	  (cr, line_cap))                                                                          \
	V(NV_LIB_CAIRO, cairo_set_line_width, (cairo_t * cr, double width), (cr, width))           \
	V(NV_LIB_CAIRO, cairo_set_scaled_font,                                                     \
	  (cairo_t * cr, const cairo_scaled_font_t *scaled_font), (cr, scaled_font))               \
	V(NV_LIB_CAIRO, cairo_set_source_rgb,                                                      \
	  (cairo_t * cr, double red, double green, double blue), (cr, red, green, blue))           \
	V(NV_LIB_CAIRO, cairo_show_page, (cairo_t * cr), (cr))                                     \
	V(NV_LIB_CAIRO, cairo_show_text_glyphs,                                                    \
	  (cairo_t * cr, const char *utf8, int utf8_len, const cairo_glyph_t *glyphs,              \
	   int num_glyphs, const cairo_text_cluster_t *clusters, int num_clusters,                 \
	   cairo_text_cluster_flags_t cluster_flags),                                              \
	  (cr, utf8, utf8_len, glyphs, num_glyphs, clusters, num_clusters, cluster_flags))         \
	F(NV_LIB_CAIRO, cairo_status_t, cairo_status, (cairo_t * cr), (cr))                        \
	F(NV_LIB_CAIRO, const char *, cairo_status_to_string, (cairo_status_t status), (status))   \
	V(NV_LIB_CAIRO, cairo_stroke, (cairo_t * cr), (cr))                                        \
	V(NV_LIB_CAIRO, cairo_surface_destroy, (cairo_surface_t * surface), (surface))             \
	V(NV_LIB_CAIRO, cairo_surface_finish, (cairo_surface_t * surface), (surface))              \
	F(NV_LIB_CAIRO, cairo_status_t, cairo_surface_status, (cairo_surface_t * surface),         \
	  (surface))                                                                               \
	V(NV_LIB_CAIRO, cairo_tag_begin,                                                           \
	  (cairo_t * cr, const char *tag_name, const char *attributes),                            \
	  (cr, tag_name, attributes))                                                              \
	V(NV_LIB_CAIRO, cairo_tag_end, (cairo_t * cr, const char *tag_name), (cr, tag_name))

#define PANGO_SYMS(F, V, E)                                                                        \
	F(NV_LIB_PANGO, PangoAttribute *, pango_attr_letter_spacing_new, (int letter_spacing),     \
	  (letter_spacing))                                                                        \
	V(NV_LIB_PANGO, pango_attr_list_change, (PangoAttrList * list, PangoAttribute * attr),     \
	  (list, attr))                                                                            \
	F(NV_LIB_PANGO, PangoAttrList *, pango_attr_list_copy, (PangoAttrList * list), (list))     \
	F(NV_LIB_PANGO, PangoAttrList *, pango_attr_list_filter,                                   \
	  (PangoAttrList * list, PangoAttrFilterFunc func, gpointer data), (list, func, data))     \
	F(NV_LIB_PANGO, PangoAttrList *, pango_attr_list_new, (void), ())                          \
	F(NV_LIB_PANGO, PangoAttrList *, pango_attr_list_ref, (PangoAttrList * list), (list))      \
	F(NV_LIB_PANGO, char *, pango_attr_list_to_string, (PangoAttrList * list), (list))         \
	V(NV_LIB_PANGO, pango_attr_list_unref, (PangoAttrList * list), (list))                     \
	V(NV_LIB_PANGO, pango_attr_list_update,                                                    \
	  (PangoAttrList * list, int pos, int remove, int add), (list, pos, remove, add))          \
	F(NV_LIB_PANGO, PangoAttribute *, pango_attr_scale_new, (double scale_factor),             \
	  (scale_factor))                                                                          \
	F(NV_LIB_PANGO, PangoLanguage *, pango_context_get_language, (PangoContext * context),     \
	  (context))                                                                               \
	V(NV_LIB_PANGO, pango_context_set_language,                                                \
	  (PangoContext * context, PangoLanguage * language), (context, language))                 \
	V(NV_LIB_PANGO, pango_context_set_round_glyph_positions,                                   \
	  (PangoContext * context, gboolean round_positions), (context, round_positions))          \
	F(NV_LIB_PANGO, PangoFontDescription *, pango_font_describe, (PangoFont * font), (font))   \
	V(NV_LIB_PANGO, pango_font_description_free, (PangoFontDescription * desc), (desc))        \
	F(NV_LIB_PANGO, const char *, pango_font_description_get_family,                           \
	  (const PangoFontDescription *desc), (desc))                                              \
	F(NV_LIB_PANGO, PangoFontDescription *, pango_font_description_new, (void), ())            \
	V(NV_LIB_PANGO, pango_font_description_set_family,                                         \
	  (PangoFontDescription * desc, const char *family), (desc, family))                       \
	V(NV_LIB_PANGO, pango_font_description_set_size, (PangoFontDescription * desc, gint size), \
	  (desc, size))                                                                            \
	F(NV_LIB_PANGO, char *, pango_font_description_to_string,                                  \
	  (const PangoFontDescription *desc), (desc))                                              \
	V(NV_LIB_PANGO, pango_font_description_set_weight,                                         \
	  (PangoFontDescription * desc, PangoWeight weight), (desc, weight))                       \
	V(NV_LIB_PANGO, pango_font_get_glyph_extents,                                              \
	  (PangoFont * font, PangoGlyph glyph, PangoRectangle * ink_rect,                          \
	   PangoRectangle * logical_rect),                                                         \
	  (font, glyph, ink_rect, logical_rect))                                                   \
	F(NV_LIB_PANGO, hb_font_t *, pango_font_get_hb_font, (PangoFont * font), (font))           \
	F(NV_LIB_PANGO, PangoContext *, pango_font_map_create_context, (PangoFontMap * fontmap),   \
	  (fontmap))                                                                               \
	F(NV_LIB_PANGO, PangoFont *, pango_font_map_load_font,                                     \
	  (PangoFontMap * fontmap, PangoContext * context, const PangoFontDescription *desc),      \
	  (fontmap, context, desc))                                                                \
	F(NV_LIB_PANGO, PangoFontset *, pango_font_map_load_fontset,                               \
	  (PangoFontMap * fontmap, PangoContext * context, const PangoFontDescription *desc,       \
	   PangoLanguage *language),                                                               \
	  (fontmap, context, desc, language))                                                      \
	V(NV_LIB_PANGO, pango_fontset_foreach,                                                     \
	  (PangoFontset * fontset, PangoFontsetForeachFunc func, gpointer data),                   \
	  (fontset, func, data))                                                                   \
	F(NV_LIB_PANGO, gboolean, pango_glyph_item_iter_init_start,                                \
	  (PangoGlyphItemIter * iter, PangoGlyphItem * glyph_item, const char *text),              \
	  (iter, glyph_item, text))                                                                \
	F(NV_LIB_PANGO, gboolean, pango_glyph_item_iter_next_cluster, (PangoGlyphItemIter * iter), \
	  (iter))                                                                                  \
	V(NV_LIB_PANGO, pango_glyph_string_free, (PangoGlyphString * string), (string))            \
	F(NV_LIB_PANGO, int, pango_glyph_string_get_width, (PangoGlyphString * glyphs), (glyphs))  \
	F(NV_LIB_PANGO, PangoGlyphString *, pango_glyph_string_new, (void), ())                    \
	F(NV_LIB_PANGO, PangoLanguage *, pango_language_from_string, (const char *language),       \
	  (language))                                                                              \
	F(NV_LIB_PANGO, PangoAttrList *, pango_layout_get_attributes, (PangoLayout * layout),      \
	  (layout))                                                                                \
	F(NV_LIB_PANGO, const PangoFontDescription *, pango_layout_get_font_description,           \
	  (PangoLayout * layout), (layout))                                                        \
	F(NV_LIB_PANGO, PangoLayoutIter *, pango_layout_get_iter, (PangoLayout * layout),          \
	  (layout))                                                                                \
	F(NV_LIB_PANGO, int, pango_layout_get_line_count, (PangoLayout * layout), (layout))        \
	F(NV_LIB_PANGO, GSList *, pango_layout_get_lines_readonly, (PangoLayout * layout),         \
	  (layout))                                                                                \
	F(NV_LIB_PANGO, const PangoLogAttr *, pango_layout_get_log_attrs_readonly,                 \
	  (PangoLayout * layout, gint * n_attrs), (layout, n_attrs))                               \
	F(NV_LIB_PANGO, const char *, pango_layout_get_text, (PangoLayout * layout), (layout))     \
	F(NV_LIB_PANGO, int, pango_layout_get_width, (PangoLayout * layout), (layout))             \
	V(NV_LIB_PANGO, pango_layout_iter_free, (PangoLayoutIter * iter), (iter))                  \
	F(NV_LIB_PANGO, int, pango_layout_iter_get_baseline, (PangoLayoutIter * iter), (iter))     \
	V(NV_LIB_PANGO, pango_layout_iter_get_line_extents,                                        \
	  (PangoLayoutIter * iter, PangoRectangle * ink_rect, PangoRectangle * logical_rect),      \
	  (iter, ink_rect, logical_rect))                                                          \
	F(NV_LIB_PANGO, PangoLayoutLine *, pango_layout_iter_get_line_readonly,                    \
	  (PangoLayoutIter * iter), (iter))                                                        \
	F(NV_LIB_PANGO, gboolean, pango_layout_iter_next_line, (PangoLayoutIter * iter), (iter))   \
	V(NV_LIB_PANGO, pango_layout_line_get_extents,                                             \
	  (PangoLayoutLine * line, PangoRectangle * ink_rect, PangoRectangle * logical_rect),      \
	  (line, ink_rect, logical_rect))                                                          \
	F(NV_LIB_PANGO, PangoLayout *, pango_layout_new, (PangoContext * context), (context))      \
	V(NV_LIB_PANGO, pango_layout_set_alignment,                                                \
	  (PangoLayout * layout, PangoAlignment alignment), (layout, alignment))                   \
	V(NV_LIB_PANGO, pango_layout_set_attributes,                                               \
	  (PangoLayout * layout, PangoAttrList * attrs), (layout, attrs))                          \
	V(NV_LIB_PANGO, pango_layout_set_font_description,                                         \
	  (PangoLayout * layout, const PangoFontDescription *desc), (layout, desc))                \
	V(NV_LIB_PANGO, pango_layout_set_indent, (PangoLayout * layout, int indent),               \
	  (layout, indent))                                                                        \
	V(NV_LIB_PANGO, pango_layout_set_justify, (PangoLayout * layout, gboolean justify),        \
	  (layout, justify))                                                                       \
	V(NV_LIB_PANGO, pango_layout_set_justify_last_line,                                        \
	  (PangoLayout * layout, gboolean justify), (layout, justify))                             \
	V(NV_LIB_PANGO, pango_layout_set_markup,                                                   \
	  (PangoLayout * layout, const char *markup, int length), (layout, markup, length))        \
	V(NV_LIB_PANGO, pango_layout_set_text,                                                     \
	  (PangoLayout * layout, const char *text, int length), (layout, text, length))            \
	V(NV_LIB_PANGO, pango_layout_set_width, (PangoLayout * layout, int width),                 \
	  (layout, width))                                                                         \
	V(NV_LIB_PANGO, pango_layout_set_wrap, (PangoLayout * layout, PangoWrapMode wrap),         \
	  (layout, wrap))                                                                          \
	F(NV_LIB_PANGO, gboolean, pango_parse_markup,                                              \
	  (const char *markup_text, int length, gunichar accel_marker, PangoAttrList **attr_list,  \
	   char **text, gunichar *accel_char, GError **error),                                     \
	  (markup_text, length, accel_marker, attr_list, text, accel_char, error))                 \
	V(NV_LIB_PANGO, pango_shape,                                                               \
	  (const char *text, int length, const PangoAnalysis *analysis, PangoGlyphString *glyphs), \
	  (text, length, analysis, glyphs))                                                        \
	PANGO_TEST_SYMS(F, V, E)

/* Called by the unit tests of the print engine only. */
#define PANGO_TEST_SYMS(F, V, E)                                                                \
	F(NV_LIB_PANGO, gboolean, pango_attr_list_equal,                                        \
	  (PangoAttrList * list, PangoAttrList * other_list), (list, other_list))               \
	F(NV_LIB_PANGO, PangoFontDescription *, pango_font_description_from_string,             \
	  (const char *str), (str))                                                             \
	F(NV_LIB_PANGO, PangoWeight, pango_font_description_get_weight,                         \
	  (const PangoFontDescription *desc), (desc))                                           \
	F(NV_LIB_PANGO, PangoLayoutLine *, pango_layout_get_line_readonly,                      \
	  (PangoLayout * layout, int line), (layout, line))                                     \
	V(NV_LIB_PANGO, pango_layout_get_size, (PangoLayout * layout, int *width, int *height), \
	  (layout, width, height))

#define PANGOCAIRO_SYMS(F, V, E)                                                                   \
	V(NV_LIB_PANGOCAIRO, pango_cairo_context_set_font_options,                                 \
	  (PangoContext * context, const cairo_font_options_t *options), (context, options))       \
	V(NV_LIB_PANGOCAIRO, pango_cairo_context_set_resolution,                                   \
	  (PangoContext * context, double dpi), (context, dpi))                                    \
	F(NV_LIB_PANGOCAIRO, cairo_scaled_font_t *, pango_cairo_font_get_scaled_font,              \
	  (PangoCairoFont * font), (font))                                                         \
	F(NV_LIB_PANGOCAIRO, GType, pango_cairo_font_get_type, (void), ())                         \
	F(NV_LIB_PANGOCAIRO, GType, pango_cairo_font_map_get_type, (void), ())                     \
	F(NV_LIB_PANGOCAIRO, PangoFontMap *, pango_cairo_font_map_new, (void), ())                 \
	V(NV_LIB_PANGOCAIRO, pango_cairo_font_map_set_resolution,                                  \
	  (PangoCairoFontMap * fontmap, double dpi), (fontmap, dpi))                               \
	V(NV_LIB_PANGOCAIRO, pango_cairo_show_layout_line, (cairo_t * cr, PangoLayoutLine * line), \
	  (cr, line))

/* Poppler's GLib interface: the text of PDF attachments (import_pdf.c). */
#define POPPLER_SYMS(F, V, E)                                                                   \
	F(NV_LIB_POPPLER, gchar *, poppler_document_get_author, (PopplerDocument * document),   \
	  (document))                                                                           \
	F(NV_LIB_POPPLER, gchar *, poppler_document_get_keywords, (PopplerDocument * document), \
	  (document))                                                                           \
	F(NV_LIB_POPPLER, int, poppler_document_get_n_pages, (PopplerDocument * document),      \
	  (document))                                                                           \
	F(NV_LIB_POPPLER, PopplerPage *, poppler_document_get_page,                             \
	  (PopplerDocument * document, int index), (document, index))                           \
	F(NV_LIB_POPPLER, gchar *, poppler_document_get_subject, (PopplerDocument * document),  \
	  (document))                                                                           \
	F(NV_LIB_POPPLER, gchar *, poppler_document_get_title, (PopplerDocument * document),    \
	  (document))                                                                           \
	F(NV_LIB_POPPLER, PopplerDocument *, poppler_document_new_from_bytes,                   \
	  (GBytes * bytes, const char *password, GError **error), (bytes, password, error))     \
	F(NV_LIB_POPPLER, GQuark, poppler_error_quark, (void), ())                              \
	F(NV_LIB_POPPLER, char *, poppler_page_get_text, (PopplerPage * page), (page))

#define ALL_SYMS(F, V, E)                                                                 \
	CURL_SYMS(F, V, E)                                                                \
	GIT2_SYMS(F, V, E)                                                                \
	MHD_SYMS(F, V, E)                                                                 \
	ZIP_SYMS(F, V, E)                                                                 \
	XML2_SYMS(F, V, E)                                                                \
	XLSX_SYMS(F, V, E)                                                                \
	GLIB_SYMS(F, V, E)                                                                \
	GOBJECT_SYMS(F, V, E)                                                             \
	FC_SYMS(F, V, E)                                                                  \
	HB_SYMS(F, V, E) CAIRO_SYMS(F, V, E) PANGO_SYMS(F, V, E) PANGOCAIRO_SYMS(F, V, E) \
		POPPLER_SYMS(F, V, E)

/* The index of each symbol's slot: S_curl_easy_init, … */
#define ENUM_F(lib, type, name, params, args) S_##name,
#define ENUM_V(lib, name, params, args)	      S_##name,
#define ENUM_E(lib, name)		      S_##name,
enum {
	ALL_SYMS(ENUM_F, ENUM_V, ENUM_E) SYM_COUNT
};

static const struct {
	const char *name;
	enum nv_lib lib;
} syms[SYM_COUNT] = {
#define NAME_F(lib, type, name, params, args) { #name, lib },
#define NAME_V(lib, name, params, args)	      { #name, lib },
#define NAME_E(lib, name)		      { #name, lib },
	ALL_SYMS(NAME_F, NAME_V, NAME_E)
};

/* Written once per library inside pthread_once (all or none), read by need(). */
static void *slot[SYM_COUNT];

static struct lib {
	const char *soname;
	const char *file; /* nv_lib_set_file(), or NULL for soname */
	pthread_once_t once;
	int state; /* 0 loaded, -1 failed */
	char why[512];
} libs[NV_LIB_COUNT] = {
	[NV_LIB_CURL] = { NV_SONAME_CURL, NULL, PTHREAD_ONCE_INIT, -1, "" },
	[NV_LIB_GIT2] = { NV_SONAME_GIT2, NULL, PTHREAD_ONCE_INIT, -1, "" },
	[NV_LIB_MHD] = { NV_SONAME_MHD, NULL, PTHREAD_ONCE_INIT, -1, "" },
	[NV_LIB_ZIP] = { NV_SONAME_ZIP, NULL, PTHREAD_ONCE_INIT, -1, "" },
	[NV_LIB_XML2] = { NV_SONAME_XML2, NULL, PTHREAD_ONCE_INIT, -1, "" },
	[NV_LIB_XLSX] = { NV_SONAME_XLSX, NULL, PTHREAD_ONCE_INIT, -1, "" },
	[NV_LIB_GLIB] = { NV_SONAME_GLIB, NULL, PTHREAD_ONCE_INIT, -1, "" },
	[NV_LIB_GOBJECT] = { NV_SONAME_GOBJECT, NULL, PTHREAD_ONCE_INIT, -1, "" },
	[NV_LIB_FC] = { NV_SONAME_FC, NULL, PTHREAD_ONCE_INIT, -1, "" },
	[NV_LIB_HB] = { NV_SONAME_HB, NULL, PTHREAD_ONCE_INIT, -1, "" },
	[NV_LIB_CAIRO] = { NV_SONAME_CAIRO, NULL, PTHREAD_ONCE_INIT, -1, "" },
	[NV_LIB_PANGO] = { NV_SONAME_PANGO, NULL, PTHREAD_ONCE_INIT, -1, "" },
	[NV_LIB_PANGOCAIRO] = { NV_SONAME_PANGOCAIRO, NULL, PTHREAD_ONCE_INIT, -1, "" },
	[NV_LIB_POPPLER] = { NV_SONAME_POPPLER, NULL, PTHREAD_ONCE_INIT, -1, "" },
};

/* libxml2's free function, a variable its header declares. */
xmlFreeFunc xmlFree;

/*
 * GLib's table of UTF-8 sequence lengths by first byte, a variable its
 * header declares (g_utf8_next_char() reads it): the same bytes as
 * GLib's own (gutf8.c), which the program uses without loading GLib.
 */
/* clang-format off */
static const gchar utf8_skip[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 00 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 10 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 20 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 30 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 40 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 50 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 60 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 70 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 80 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 90 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* A0 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* B0 */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* C0 */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* D0 */
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, /* E0 */
	4, 4, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 1, 1, /* F0 */
};
/* clang-format on */
const gchar *const g_utf8_skip = utf8_skip;

/* Open lib and fill its slots; on failure l->why says why and no slot is filled. */
static void open_lib(enum nv_lib lib)
{
	struct lib *l = &libs[lib];
	const char *file = l->file ? l->file : l->soname;
	void *h = dlopen(file, RTLD_LAZY | RTLD_LOCAL);
	void *got[SYM_COUNT];
	size_t i;

	if (!h) {
		snprintf(l->why, sizeof(l->why), "не удалось загрузить библиотеку %s: %s", file,
			 dlerror());
		return;
	}
	for (i = 0; i < SYM_COUNT; i++) {
		if (syms[i].lib != lib)
			continue;
		got[i] = dlsym(h, syms[i].name);
		if (!got[i]) {
			snprintf(l->why, sizeof(l->why),
				 "не удалось загрузить библиотеку %s: в ней нет функции %s", file,
				 syms[i].name);
			dlclose(h);
			return;
		}
	}
	if (lib == NV_LIB_XML2)
		xmlFree = *(xmlFreeFunc *)got[S_xmlFree];
	for (i = 0; i < SYM_COUNT; i++)
		if (syms[i].lib == lib)
			__atomic_store_n(&slot[i], got[i], __ATOMIC_RELEASE);
	l->state = 0;
}

#define ONCE(lib, fn)          \
	static void fn(void)   \
	{                      \
		open_lib(lib); \
	}
ONCE(NV_LIB_CURL, open_curl)
ONCE(NV_LIB_GIT2, open_git2)
ONCE(NV_LIB_MHD, open_mhd)
ONCE(NV_LIB_ZIP, open_zip)
ONCE(NV_LIB_XML2, open_xml2)
ONCE(NV_LIB_XLSX, open_xlsx)
ONCE(NV_LIB_GLIB, open_glib)
ONCE(NV_LIB_GOBJECT, open_gobject)
ONCE(NV_LIB_FC, open_fc)
ONCE(NV_LIB_HB, open_hb)
ONCE(NV_LIB_CAIRO, open_cairo)
ONCE(NV_LIB_PANGO, open_pango)
ONCE(NV_LIB_PANGOCAIRO, open_pangocairo)
ONCE(NV_LIB_POPPLER, open_poppler)

static void (*const openers[NV_LIB_COUNT])(void) = {
	[NV_LIB_CURL] = open_curl,
	[NV_LIB_GIT2] = open_git2,
	[NV_LIB_MHD] = open_mhd,
	[NV_LIB_ZIP] = open_zip,
	[NV_LIB_XML2] = open_xml2,
	[NV_LIB_XLSX] = open_xlsx,
	[NV_LIB_GLIB] = open_glib,
	[NV_LIB_GOBJECT] = open_gobject,
	[NV_LIB_FC] = open_fc,
	[NV_LIB_HB] = open_hb,
	[NV_LIB_CAIRO] = open_cairo,
	[NV_LIB_PANGO] = open_pango,
	[NV_LIB_PANGOCAIRO] = open_pangocairo,
	[NV_LIB_POPPLER] = open_poppler,
};

static int load(enum nv_lib lib)
{
	pthread_once(&libs[lib].once, openers[lib]);
	return libs[lib].state;
}

int nv_lib_load(enum nv_lib lib, struct nv_diags *d)
{
	if (load(lib) == 0)
		return 0;
	if (d)
		nv_diag_hint(nv_error(d, NULL, 0, 0, "%s", libs[lib].why),
			     "установите зависимости: sh scripts/deps.sh (в Debian — пакет, в "
			     "котором есть %s)",
			     libs[lib].soname);
	return -1;
}

int nv_lib_load_print(struct nv_diags *d)
{
	int lib;

	for (lib = NV_LIB_GLIB; lib <= NV_LIB_PANGOCAIRO; lib++)
		if (nv_lib_load((enum nv_lib)lib, d) < 0)
			return -1;
	return 0;
}

const char *nv_lib_why(enum nv_lib lib)
{
	return libs[lib].why;
}

const char *nv_lib_soname(enum nv_lib lib)
{
	return libs[lib].soname;
}

void nv_lib_set_file(enum nv_lib lib, const char *file)
{
	libs[lib].file = file;
}

/*
 * The slot of sym, its library loaded. A command checks with nv_lib_load()
 * before it calls into a library, so failing here is a bug of ours; the
 * program stops as when memory runs out, with the reason.
 */
static void *need_slow(enum nv_lib lib, int sym)
{
	if (load(lib) < 0) {
		fprintf(stderr, "nastavnik: %s\n", libs[lib].why);
		exit(2);
	}
	return slot[sym];
}

/* A slot is filled only once its library is loaded whole: then it is used as it is. */
static inline void *need(enum nv_lib lib, int sym)
{
	void *fn = __atomic_load_n(&slot[sym], __ATOMIC_ACQUIRE);

	return fn ? fn : need_slow(lib, sym);
}

/* The forwarders. */
#define FWD_F(lib, type, name, params, args)                           \
	type(name) params                                              \
	{                                                              \
		return ((__typeof__(&(name)))need(lib, S_##name))args; \
	}
#define FWD_V(lib, name, params, args)                           \
	void(name) params                                        \
	{                                                        \
		((__typeof__(&(name)))need(lib, S_##name)) args; \
	}
#define FWD_E(lib, name)
ALL_SYMS(FWD_F, FWD_V, FWD_E)

/* The option number tells the type of the value (curl/curl.h, CURLOPTTYPE_*). */
CURLcode(curl_easy_setopt)(CURL *curl, CURLoption option, ...)
{
	CURLcode (*fn)(CURL *, CURLoption, ...) = need(NV_LIB_CURL, S_curl_easy_setopt);
	va_list ap;
	CURLcode rc;

	va_start(ap, option);
	if (option < CURLOPTTYPE_OBJECTPOINT)
		rc = fn(curl, option, va_arg(ap, long));
	else if (option < CURLOPTTYPE_FUNCTIONPOINT)
		rc = fn(curl, option, va_arg(ap, void *));
	else if (option < CURLOPTTYPE_OFF_T)
		rc = fn(curl, option, va_arg(ap, void (*)(void)));
	else if (option < CURLOPTTYPE_BLOB)
		rc = fn(curl, option, va_arg(ap, curl_off_t));
	else
		rc = fn(curl, option, va_arg(ap, struct curl_blob *));
	va_end(ap);
	return rc;
}

/* Every CURLINFO_* takes a pointer to where the answer goes. */
CURLcode(curl_easy_getinfo)(CURL *curl, CURLINFO info, ...)
{
	CURLcode (*fn)(CURL *, CURLINFO, ...) = need(NV_LIB_CURL, S_curl_easy_getinfo);
	va_list ap;
	void *out;

	va_start(ap, info);
	out = va_arg(ap, void *);
	va_end(ap);
	return fn(curl, info, out);
}

/* The options go to the va_list twin the library exports for this. */
struct MHD_Daemon *(MHD_start_daemon)(unsigned int flags, uint16_t port,
				      MHD_AcceptPolicyCallback apc, void *apc_cls,
				      MHD_AccessHandlerCallback dh, void *dh_cls, ...)
{
	__typeof__(&MHD_start_daemon_va) fn = need(NV_LIB_MHD, S_MHD_start_daemon_va);
	struct MHD_Daemon *daemon;
	va_list ap;

	va_start(ap, dh_cls);
	daemon = fn(flags, port, apc, apc_cls, dh, dh_cls, ap);
	va_end(ap);
	return daemon;
}

/*
 * No info type the program asks for (EPOLL_FD, CURRENT_CONNECTIONS) takes
 * an argument after it, and libmicrohttpd reads none for them.
 */
const union MHD_DaemonInfo *(MHD_get_daemon_info)(struct MHD_Daemon *daemon,
						  enum MHD_DaemonInfoType info_type, ...)
{
	__typeof__(&MHD_get_daemon_info) fn = need(NV_LIB_MHD, S_MHD_get_daemon_info);

	return fn(daemon, info_type);
}
