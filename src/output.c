/* output.c — messages on stderr, the output sink (-o, atomic), loading the
 * sources of a command, and terminal-safe text. */
#include "cli.h"
#include "jsondoc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Append s to b with control characters (C0, DEL, C1) shown as '?': a
 * message can quote a file name or input text, and must stay one line that
 * cannot drive the terminal. */
static void put_clean(cd_buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
            cd_buf_putc(b, '?');
            p++;
            continue;
        }
        cd_buf_putc(b, *p < 0x20 || *p == 0x7f ? '?' : (char)*p);
    }
}

static void vmessage(const char *kind, const char *source, const char *fmt, va_list ap)
{
    cd_buf b = {0}, text = {0};
    cd_buf_printf(&b, "claimdiff: %s: ", kind);
    if (source) {
        put_clean(&b, source);
        cd_buf_puts(&b, ": ");
    }
    cd_buf_vprintf(&text, fmt, ap);
    put_clean(&b, text.data ? text.data : "");
    cd_buf_putc(&b, '\n');
    fputs(b.data, stderr);
    cd_buf_free(&b);
    cd_buf_free(&text);
}

void cd_error(const char *source, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("error", source, fmt, ap);
    va_end(ap);
}

void cd_warn(const cd_options *o, const char *source, const char *fmt, ...)
{
    if (o && o->quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    vmessage("warning", source, fmt, ap);
    va_end(ap);
}

int cd_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("error", NULL, fmt, ap);
    va_end(ap);
    fputs("Try 'claimdiff --help'.\n", stderr);
    return CD_EXIT_USAGE;
}

size_t cd_load_sources(const cd_options *o, cd_source_set *set)
{
    cd_load_opts lo = o->load;
    lo.progress = !o->quiet && isatty(STDERR_FILENO); /* progress only on a terminal */
    cd_sources_load(o->args, o->n_args, o->labels, o->n_labels, &lo, set);
    size_t failed = 0;
    for (size_t i = 0; i < set->n; i++) {
        if (!set->docs[i]) {
            cd_error(set->origins[i], "%s", set->errors[i]);
            failed++;
            continue;
        }
        for (size_t w = 0; w < cd_doc_warning_count(set->docs[i]); w++)
            cd_warn(o, set->origins[i], "%s", cd_doc_warning(set->docs[i], w));
    }
    for (size_t k = 0; k < o->n_labels; k++) {
        bool used = false;
        for (size_t i = 0; i < set->n && !used; i++)
            used = strcmp(set->origins[i], o->labels[k].source) == 0;
        if (!used)
            cd_warn(o, NULL, "--label names '%s', which is not one of the sources",
                    o->labels[k].source);
    }
    return failed;
}

bool cd_out_open(cd_out *out, const char *path)
{
    memset(out, 0, sizeof *out);
    if (!path || strcmp(path, "-") == 0) {
        out->f = stdout;
        return true;
    }
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* a device or pipe (/dev/null, a FIFO): nothing to replace atomically */
        out->f = fopen(path, "w");
        if (!out->f) {
            cd_error(path, "cannot open the output file: %s", strerror(errno));
            return false;
        }
        out->path = cd_xstrdup(path);
        return true;
    }
    cd_buf t = {0};
    cd_buf_printf(&t, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(t.data);
    if (fd < 0) {
        cd_error(path, "cannot create the output file: %s", strerror(errno));
        cd_buf_free(&t);
        return false;
    }
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask); /* mkstemp's 0600 is not what a user expects */
    out->f = fdopen(fd, "w");
    if (!out->f) {
        close(fd);
        unlink(t.data);
        cd_error(path, "cannot open the output file: %s", strerror(errno));
        cd_buf_free(&t);
        return false;
    }
    out->tmp = cd_buf_steal(&t);
    out->path = cd_xstrdup(path);
    return true;
}

bool cd_out_close(cd_out *out, bool ok)
{
    bool good = ok;
    if (out->f == stdout) {
        if (fflush(stdout) != 0 || ferror(stdout) || !ok) {
            /* a reader that went away (`claimdiff … | head`) is not an error */
            if (errno == EPIPE)
                return true;
            cd_error(NULL, "writing standard output failed: %s", strerror(errno));
            good = false;
        }
        return good;
    }
    if (!out->tmp) { /* written in place */
        if (fclose(out->f) != 0) {
            cd_error(out->path, "writing failed: %s", strerror(errno));
            good = false;
        }
        free(out->path);
        memset(out, 0, sizeof *out);
        return good;
    }
    if (fflush(out->f) != 0 || ferror(out->f) || fsync(fileno(out->f)) != 0) {
        cd_error(out->path, "writing failed: %s", strerror(errno));
        good = false;
    }
    fclose(out->f);
    if (good && rename(out->tmp, out->path) != 0) {
        cd_error(out->path, "cannot rename the output into place: %s", strerror(errno));
        good = false;
    }
    if (!good)
        unlink(out->tmp);
    free(out->tmp);
    free(out->path);
    memset(out, 0, sizeof *out);
    return good;
}

void cd_put_text(FILE *f, const char *s, size_t n, bool flat)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0;
    while (i < n) {
        size_t i0 = i;
        while (i < n && (p[i] >= 0x20 && p[i] != 0x7f && p[i] != 0xC2))
            i++; /* the common case: nothing to change */
        run += i - i0;
        if (i >= n)
            break;
        unsigned char c = p[i];
        size_t skip = 0;
        char repl = 0;
        if (c == '\t' || c == '\f' || c == '\v' || (c == '\n' && flat)) {
            repl = ' '; /* white space stays white space: words are never glued */
            skip = 1;
        } else if (c == '\n') {
            i++;
            run++;
            continue;
        } else if (c < 0x20 || c == 0x7f) {
            skip = 1; /* ESC, BEL and the other C0 controls never reach the terminal */
        } else if (c == 0xC2 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F) {
            skip = 2; /* C1 controls (CSI, OSC as single code points) */
        }
        if (!skip) {
            i++;
            run++;
            continue;
        }
        if (run)
            fwrite(s + i - run, 1, run, f);
        run = 0;
        if (repl)
            fputc(repl, f);
        i += skip;
    }
    if (run)
        fwrite(s + i - run, 1, run, f);
}

int cd_report_with(const cd_options *o, const cd_source_set *set, size_t failed,
                   const cd_writer writers[FMT_COUNT], const void *ctx)
{
    int rc = failed ? CD_EXIT_SOURCE : CD_EXIT_OK;
    cd_writer w = o->format < FMT_COUNT ? writers[o->format] : NULL;
    if (!w)
        w = writers[FMT_TEXT];
    cd_out out;
    if (!cd_out_open(&out, o->output))
        return CD_EXIT_INTERNAL;
    bool ok = w(out.f, o, set, ctx);
    if (!cd_out_close(&out, ok))
        rc = CD_EXIT_INTERNAL;
    return rc;
}

int cd_report(const cd_options *o, const cd_source_set *set, size_t failed, cd_writer text,
              cd_writer json, const void *ctx)
{
    cd_writer writers[FMT_COUNT] = {[FMT_TEXT] = text, [FMT_JSON] = json};
    return cd_report_with(o, set, failed, writers, ctx);
}

bool cd_write_documents_json(FILE *f, const cd_options *o, const cd_source_set *set,
                             const void *ctx)
{
    (void)o;
    (void)ctx;
    json_t *root = json_object(), *arr = json_array();
    json_object_set_new(root, "schema", json_string("claimdiff/1"));
    for (size_t i = 0; i < set->n; i++)
        json_array_append_new(arr, cd_json_document(i, set->origins[i], set->docs[i],
                                                    set->errors[i]));
    json_object_set_new(root, "sources", arr);
    bool ok = cd_json_write(f, root);
    json_decref(root);
    return ok;
}
