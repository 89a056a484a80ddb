package org.pathlane.scheduler.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code pl_setting}: one persisted setting such as {@code maxWorkers}. */
@Entity
@Table(name = "pl_setting")
class SettingRecord {
    @Id
    @Column(name = "setting_name")
    String name;
    @Column(name = "setting_value")
    String value;
}
