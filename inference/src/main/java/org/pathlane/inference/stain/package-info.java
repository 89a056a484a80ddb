/**
 * Stain normalisation of H&amp;E slides (Macenko et al., "A method for normalizing histology slides for
 * quantitative analysis", ISBI 2009): each slide's own hematoxylin and eosin colours, estimated on its
 * tissue thumbnail, are mapped onto a reference staining, so a model with fixed optical-density
 * thresholds sees pale, dark, pink and purple slides alike.
 */
package org.pathlane.inference.stain;
