/**
 * Persistence: HikariCP, Flyway migrations in portable SQL ({@code db/migration}, H2 and PostgreSQL alike) and
 * Hibernate ORM mappings. The H2 file database uses {@code WRITE_DELAY=0} so that nothing committed is lost on
 * {@code kill -9}; damaged files and files from a newer PathLane are refused with a message naming the file and
 * are never recreated. The engine's state changes are conditional updates checked row by row
 * ({@link org.pathlane.scheduler.persistence.StateStore}).
 */
package org.pathlane.scheduler.persistence;
