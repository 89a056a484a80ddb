/**
 * {@code pathlane bench read}: the OpenSlide binding's read throughput against C calling
 * {@code openslide_read_region} directly ({@code openslide_read_bench.c}, a resource of this package).
 */
package org.pathlane.inference.slide.bench;
