package org.pathlane.inference.model;

/** What a model's output tensor means, and so how it becomes nucleus instances. */
public enum OutputKind {
    /** Foreground probability in [0,1] (after an optional sigmoid): threshold, distance transform, watershed. */
    PROBABILITY,
    /** An integer label image: each label is one instance as given. */
    LABELS
}
