package dev.faaslab.events.schedule;

import dev.faaslab.core.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Where schedules are kept, durably: a schedule acknowledged is there after a restart. */
public interface ScheduleStore {

    /** Every workspace's schedules, for the scheduler's start. */
    Map<WorkspaceId, List<Schedule>> all();

    /** Creates or replaces the schedule of that name. */
    void save(WorkspaceId workspace, Schedule schedule);

    /** False when there was none. */
    boolean delete(WorkspaceId workspace, String name);

    /** Notes the scheduled time a schedule last fired for, so a restart neither repeats nor backlogs it. */
    void fired(WorkspaceId workspace, String name, Instant scheduled);
}
