/*
 * PathLane read benchmark, C side: reads the tiles listed on stdin ("x y" level-0 pairs, one per line)
 * with openslide_read_region on level 0, from THREADS threads sharing one handle, and prints
 * "tiles=N nanos=T cpu=C": wall time and process CPU time (user + system) of the reads alone. The library is opened with dlopen, so OpenSlide's development
 * headers are not needed: the few prototypes used are declared here.
 *
 *   openslide_read_bench LIBRARY SLIDE TILE THREADS < tiles.txt
 *
 * Built by `pathlane bench read` with: gcc -O2 -pthread -o openslide_read_bench openslide_read_bench.c -ldl
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

typedef struct openslide openslide_t;
typedef openslide_t *(*open_fn)(const char *filename);
typedef void (*close_fn)(openslide_t *osr);
typedef const char *(*error_fn)(openslide_t *osr);
typedef void (*read_region_fn)(openslide_t *osr, uint32_t *dest, int64_t x, int64_t y, int32_t level,
                               int64_t w, int64_t h);

static read_region_fn read_region;
static error_fn get_error;
static openslide_t *slide;
static int64_t *xs;
static int64_t *ys;
static long count;
static long next_tile;
static int tile;
static volatile uint32_t sink;

static void *worker(void *unused) {
    (void) unused;
    uint32_t *buffer = malloc((size_t) tile * tile * 4);
    if (buffer == NULL) {
        return (void *) 1;
    }
    uint32_t local = 0;
    for (;;) {
        long i = __atomic_fetch_add(&next_tile, 1, __ATOMIC_RELAXED);
        if (i >= count) {
            break;
        }
        read_region(slide, buffer, xs[i], ys[i], 0, tile, tile);
        local += buffer[(size_t) tile * tile / 2];
    }
    sink += local;
    free(buffer);
    return NULL;
}

static int64_t now_nanos(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int64_t cpu_nanos(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return ((int64_t) usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000000000
           + ((int64_t) usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1000;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: %s LIBRARY SLIDE TILE THREADS < tiles.txt\n", argv[0]);
        return 2;
    }
    void *lib = dlopen(argv[1], RTLD_NOW);
    if (lib == NULL) {
        fprintf(stderr, "cannot load %s: %s\n", argv[1], dlerror());
        return 2;
    }
    open_fn open_slide = (open_fn) dlsym(lib, "openslide_open");
    close_fn close_slide = (close_fn) dlsym(lib, "openslide_close");
    get_error = (error_fn) dlsym(lib, "openslide_get_error");
    read_region = (read_region_fn) dlsym(lib, "openslide_read_region");
    if (!open_slide || !close_slide || !get_error || !read_region) {
        fprintf(stderr, "%s lacks the OpenSlide functions this benchmark needs\n", argv[1]);
        return 2;
    }
    tile = atoi(argv[3]);
    int threads = atoi(argv[4]);
    if (tile <= 0 || threads <= 0) {
        fprintf(stderr, "TILE and THREADS must be positive\n");
        return 2;
    }
    long capacity = 1024;
    xs = malloc(capacity * sizeof *xs);
    ys = malloc(capacity * sizeof *ys);
    long long x, y;
    while (scanf("%lld %lld", &x, &y) == 2) {
        if (count == capacity) {
            capacity *= 2;
            xs = realloc(xs, capacity * sizeof *xs);
            ys = realloc(ys, capacity * sizeof *ys);
        }
        xs[count] = x;
        ys[count] = y;
        count++;
    }
    slide = open_slide(argv[2]);
    if (slide == NULL || get_error(slide) != NULL) {
        fprintf(stderr, "OpenSlide cannot open %s: %s\n", argv[2], slide ? get_error(slide) : "not recognised");
        return 1;
    }
    pthread_t *pool = malloc(threads * sizeof *pool);
    int64_t cpu_start = cpu_nanos();
    int64_t start = now_nanos();
    for (int i = 0; i < threads; i++) {
        pthread_create(&pool[i], NULL, worker, NULL);
    }
    for (int i = 0; i < threads; i++) {
        pthread_join(pool[i], NULL);
    }
    int64_t elapsed = now_nanos() - start;
    int64_t cpu = cpu_nanos() - cpu_start;
    const char *error = get_error(slide);
    if (error != NULL) {
        fprintf(stderr, "OpenSlide failed reading %s: %s\n", argv[2], error);
        return 1;
    }
    printf("tiles=%ld nanos=%lld cpu=%lld\n", count, (long long) elapsed, (long long) cpu);
    close_slide(slide);
    return 0;
}
