/**
 * What series search reads: {@link io.weir.search.index.SeriesIndex} (token, label-name and
 * label-value postings as RoaringBitmaps), {@link io.weir.search.index.Tokenizer} (what a token is)
 * and {@link io.weir.search.index.PaneSketches} (per-series DDSketch panes; the range rule and the
 * error bound are documented there).
 */
package io.weir.search.index;
