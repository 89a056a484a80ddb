/** A slide's description for people and scripts: {@link org.pathlane.inference.slide.info.SlideInfo}, behind {@code pathlane info}. */
package org.pathlane.inference.slide.info;
