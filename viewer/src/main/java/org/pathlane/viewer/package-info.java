/**
 * The JavaFX pyramidal slide viewer control. It knows nothing of OpenSlide or ONNX Runtime: the app
 * adapts a slide reader to {@link org.pathlane.viewer.tile.TileSource} (see
 * {@code org.pathlane.app.viewer.SlideTileSource}).
 *
 * <p>Embedding it (FX thread):
 * <pre>{@code
 * SlideViewer viewer = new SlideViewer();              // shares TileCache.shared(): 25% of the heap
 * viewer.setTileSource(new SlideTileSource(reader));   // the first frame fits the slide
 * pane.setCenter(viewer);
 *
 * zoomLabel.textProperty().bind(viewer.zoomProperty().asString("%.2f"));   // centre and zoom are bindable
 * viewer.setCenter(12_000, 8_000);                     // level-0 pixels
 * viewer.setZoom(1);                                   // screen pixels per level-0 pixel
 *
 * ImageLayer tissue = ImageLayer.mask("tissue", mask, w, h, downsample, Color.rgb(255, 200, 0, 0.35));
 * ShapeLayer cells = new ShapeLayer("nuclei");
 * viewer.getLayers().addAll(tissue, cells);
 * cells.visibleProperty().bind(showCells.selectedProperty());
 * cells.opacityProperty().bind(opacitySlider.valueProperty());
 *
 * // From the segmentation job's thread, one batch per finished tile; repaints are coalesced:
 * cells.addAll(outlines);   // List<OverlayShape>, OverlayShape.polygon(x0, y0, x1, y1, ...)
 * }</pre>
 *
 * <p>Threads: everything on {@link org.pathlane.viewer.SlideViewer} and the layers' properties is FX-thread
 * only; {@link org.pathlane.viewer.overlay.ShapeLayer#addAll} and
 * {@link org.pathlane.viewer.overlay.ShapeLayer#clear} may be called from any thread. Painting never waits
 * for a tile: {@link org.pathlane.viewer.SlideViewer#whenViewComplete()} tells when the view is whole.
 *
 * <p>Control and skin: {@link org.pathlane.viewer.SlideViewer} holds all the state (source, view, tile
 * observer, view-complete waiters, paint and settle requests); its skin draws it and only listens, so the
 * viewer keeps its state when the skin is replaced or not created yet.
 */
package org.pathlane.viewer;
