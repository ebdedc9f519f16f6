import React, { useState } from 'react';
import { StyleSheet, Text, View } from 'react-native';
import RnSmileId from 'react-native-smileid-rs';
import type { JobStatusResult, SmileIdError } from 'react-native-smileid-rs';

import { asSmileIdError } from '../errors';
import { JOB_TYPE_NAMES } from '../jobTypes';
import { outcome } from '../outcome';
import type { SessionJob } from '../session';
import { colors, font, space } from '../theme';
import { ActionButton } from './ActionButton';
import { Badge } from './Badge';
import { ErrorBox } from './ErrorBox';

type Props = { job: SessionJob; onStatus(status: JobStatusResult): void };

/** One job of this run: its verdict, and for an incomplete one a status check (jobStatus). */
export function SessionJobRow({ job, onStatus }: Props) {
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<SmileIdError | null>(null);
  const latest = job.status ?? job.result;
  const verdict = latest ? outcome(latest) : null;
  const incomplete = latest !== undefined && 'jobComplete' in latest && !latest.jobComplete;

  const check = async () => {
    setChecking(true);
    setError(null);
    try {
      onStatus(
        await RnSmileId.jobStatus({ jobId: job.jobId, userId: job.userId, jobType: job.jobType }),
      );
    } catch (e) {
      setError(asSmileIdError(e));
    }
    setChecking(false);
  };

  return (
    <View style={styles.row} testID={`job-${job.jobId}`}>
      <View style={styles.header}>
        <Text style={styles.name}>{JOB_TYPE_NAMES[job.jobType]}</Text>
        {verdict ? <Badge label={verdict.label} tone={verdict.tone} /> : null}
        {job.error ? <Badge label={job.error.code} tone="danger" /> : null}
        {!latest && !job.error ? <Badge label="Running" tone="neutral" /> : null}
      </View>
      <Text style={styles.meta}>
        {job.jobId} · user {job.userId}
      </Text>
      {latest?.ResultCode ? (
        <Text style={styles.meta}>
          {latest.ResultCode} {latest.ResultText}
        </Text>
      ) : null}
      {incomplete ? (
        <ActionButton
          label="Check status"
          kind="secondary"
          onPress={check}
          busy={checking}
          testID="check-status"
        />
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
    </View>
  );
}

const styles = StyleSheet.create({
  row: {
    paddingVertical: space.s,
    gap: space.xs,
    borderBottomWidth: StyleSheet.hairlineWidth,
    borderBottomColor: colors.border,
  },
  header: { flexDirection: 'row', alignItems: 'center', gap: space.s, flexWrap: 'wrap' },
  name: { fontSize: font.body, fontWeight: '600', color: colors.text },
  meta: { fontSize: font.small, color: colors.muted },
});
