package org.pathlane.app.ui;

import org.pathlane.app.dashboard.JobRow;

/** How one screen sends the user to another with something to show. */
public interface Navigator {

    /** The viewer with a slide, and a job's results as overlay when {@code job} is not null. */
    void openInViewer(String slidePath, JobRow job);

    /** A running job: its slide in the viewer with nuclei appearing live, when the slide is known; else its results. */
    void watch(JobRow job);

    /** The results screen on one job. */
    void openResults(JobRow job);

    /** The editor, e.g. after picking slides. */
    void openEditor();
}
