import React from 'react';
import { StyleSheet, Text } from 'react-native';
import type { TagJobType } from 'react-native-smileid-rs';

import { JOB_TYPE_NAMES } from '../jobTypes';
import { colors, font } from '../theme';
import { useJob, type JobRequest } from '../useJob';
import { ActionButton } from './ActionButton';
import { Card } from './Card';
import { CaptureStep } from './CaptureStep';
import { ErrorBox } from './ErrorBox';
import { ProgressSteps } from './ProgressSteps';
import { ResultCard } from './ResultCard';
import { Row } from './Row';

type Props = {
  jobType: TagJobType;
  /** The screen's inputs for the job. */
  fields: React.ReactNode;
  request: JobRequest;
};

/** Capture, then submit (or queue) a job of `jobType`, then its progress and result. */
export function JobFlow({ jobType, fields, request }: Props) {
  const { state, capture, submit, queue, cancel } = useJob(jobType);
  const submitting = state.busy === 'submitting';
  const idle = state.busy === null;
  return (
    <>
      <CaptureStep
        tag={state.tag}
        capturing={state.busy === 'capturing'}
        disabled={!idle && state.busy !== 'capturing'}
        onCapture={capture}
      />
      <Card title={`2. ${JOB_TYPE_NAMES[jobType]}`}>
        {fields}
        <Row>
          <ActionButton
            label="Submit"
            onPress={() => submit(request)}
            busy={submitting}
            disabled={!state.tag || !idle}
            testID="submit"
          />
          {submitting ? (
            <ActionButton label="Cancel" kind="secondary" onPress={cancel} testID="cancel" />
          ) : (
            <ActionButton
              label="Queue for later"
              kind="secondary"
              onPress={() => queue(request)}
              disabled={!state.tag || !idle}
              testID="queue"
            />
          )}
        </Row>
        {state.queuedJobId ? (
          <Text style={styles.note} testID="queued">
            Queued as {state.queuedJobId}: the Jobs tab sends it with “Resume pending jobs”.
          </Text>
        ) : null}
      </Card>
      <ProgressSteps events={state.progress} />
      {state.error ? <ErrorBox error={state.error} /> : null}
      {state.result ? <ResultCard result={state.result} /> : null}
    </>
  );
}

const styles = StyleSheet.create({
  note: { fontSize: font.small, color: colors.muted },
});
