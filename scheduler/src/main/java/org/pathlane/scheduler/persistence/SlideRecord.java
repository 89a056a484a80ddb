package org.pathlane.scheduler.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code pl_slide}: one slide in a user's library. */
@Entity
@Table(name = "pl_slide")
class SlideRecord {
    @Id
    String id;
    @Column(name = "user_name")
    String user;
    String path;
    @Column(name = "added_at")
    long addedAt;
    String metadata;
}
