import React, { useCallback, useEffect, useState } from 'react';
import { StyleSheet, Text, View } from 'react-native';
import RnSmileId from 'react-native-smileid-rs';
import type { JobType, PendingJob, ResumedJob, SmileIdError } from 'react-native-smileid-rs';

import { ActionButton } from '../components/ActionButton';
import { Card } from '../components/Card';
import { ErrorBox } from '../components/ErrorBox';
import { Row } from '../components/Row';
import { Screen } from '../components/Screen';
import { SessionJobRow } from '../components/SessionJobRow';
import { asSmileIdError } from '../errors';
import { JOB_TYPE_NAMES } from '../jobTypes';
import { useSession } from '../session';
import { colors, font, space } from '../theme';

const INTRO =
  "Jobs submitted in this run, and the jobs the device's journal still holds: queued offline, " +
  'or interrupted before their result.';

/** This run's jobs, the journal's pending jobs, and resuming them. */
export function JobsScreen({ active }: { active: boolean }) {
  const { jobs, record } = useSession();
  const [pending, setPending] = useState<PendingJob[]>([]);
  const [resuming, setResuming] = useState(false);
  const [resumed, setResumed] = useState<ResumedJob[] | null>(null);
  const [error, setError] = useState<SmileIdError | null>(null);

  const refresh = useCallback(async () => {
    try {
      setPending(await RnSmileId.pendingJobs());
    } catch (e) {
      setError(asSmileIdError(e));
    }
  }, []);

  useEffect(() => {
    if (active) refresh();
  }, [active, refresh]);

  const resume = async () => {
    setResuming(true);
    setError(null);
    try {
      const done = await RnSmileId.resumePendingJobs();
      setResumed(done);
      for (const { jobId, result } of done) {
        if (result)
          record({ jobId, userId: result.userId, jobType: result.jobType as JobType, result });
      }
    } catch (e) {
      setError(asSmileIdError(e));
    }
    setResuming(false);
    refresh();
  };

  return (
    <Screen intro={INTRO}>
      {error ? <ErrorBox error={error} /> : null}
      <Card title="This run" testID="session-jobs">
        {jobs.length === 0 ? <Text style={styles.empty}>No job submitted yet.</Text> : null}
        {jobs.map(job => (
          <SessionJobRow
            key={job.jobId}
            job={job}
            onStatus={status => record({ jobId: job.jobId, status })}
          />
        ))}
      </Card>
      <Card title={`Pending jobs (${pending.length})`} testID="pending-jobs">
        {pending.length === 0 ? <Text style={styles.empty}>Nothing pending.</Text> : null}
        {pending.map(job => (
          <View key={job.jobId} style={styles.pending}>
            <Text style={styles.name}>
              {JOB_TYPE_NAMES[job.jobType as JobType] ?? `Job type ${job.jobType}`}
            </Text>
            <Text style={styles.meta}>
              {job.jobId} · {job.state} · tag {job.tag}
            </Text>
          </View>
        ))}
        <Row>
          <ActionButton
            label="Resume pending jobs"
            onPress={resume}
            busy={resuming}
            disabled={pending.length === 0}
            testID="resume"
          />
          {resuming ? (
            <ActionButton
              label="Stop"
              kind="secondary"
              onPress={() => RnSmileId.cancelResume()}
              testID="stop-resume"
            />
          ) : (
            <ActionButton label="Refresh" kind="secondary" onPress={refresh} testID="refresh" />
          )}
        </Row>
        {resumed ? (
          <Text style={styles.meta} testID="resumed">
            Resumed {resumed.length} job{resumed.length === 1 ? '' : 's'}:{' '}
            {resumed.filter(r => r.result).length} with a result,{' '}
            {resumed.filter(r => r.error).length} failed.
          </Text>
        ) : null}
      </Card>
    </Screen>
  );
}

const styles = StyleSheet.create({
  empty: { fontSize: font.small, color: colors.muted },
  pending: { paddingVertical: space.xs, gap: 2 },
  name: { fontSize: font.body, fontWeight: '600', color: colors.text },
  meta: { fontSize: font.small, color: colors.muted },
});
