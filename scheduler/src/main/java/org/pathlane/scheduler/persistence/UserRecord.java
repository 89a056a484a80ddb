package org.pathlane.scheduler.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code pl_user}: the profile and its active-user slot. */
@Entity
@Table(name = "pl_user")
class UserRecord {
    @Id
    @Column(name = "user_name")
    String name;
    String colour;
    @Column(name = "is_admin")
    boolean admin;
    @Column(name = "password_hash")
    String passwordHash;
    @Column(name = "created_at")
    long createdAt;
    @Column(name = "slot_active")
    boolean slotActive;
    @Column(name = "activation_seq")
    long activationSeq;
}
