import React from 'react';
import { StyleSheet, Text } from 'react-native';
import type { TagJobType } from 'react-native-smileid-rs';

import { JOB_TYPE_NAMES } from '../jobTypes';
import { colors, font } from '../theme';
import { useJob, type JobRequest } from '../useJob';
import { ActionButton } from './ActionButton';
import { Card } from './Card';
import { CaptureStep } from './CaptureStep';
import { DocumentStep } from './DocumentStep';
import { ErrorBox } from './ErrorBox';
import { ProgressSteps } from './ProgressSteps';
import { ResultCard } from './ResultCard';
import { Row } from './Row';

type Props = {
  jobType: TagJobType;
  /** The screen's inputs for the job. */
  fields: React.ReactNode;
  request: JobRequest;
  /** A document job: its photos are a step between the selfie and the job. */
  document?: { hasBack: boolean } | undefined;
};

/**
 * Capture (and, for a document job, add the document), then submit (or queue) a job of
 * `jobType`, then its progress and result.
 */
export function JobFlow({ jobType, fields, request, document }: Props) {
  const { state, capture, addDocument, submit, queue, cancel } = useJob(jobType);
  const submitting = state.busy === 'submitting';
  const idle = state.busy === null;
  const ready = state.tag !== null && (!document || state.document !== null) && idle;
  return (
    <>
      <CaptureStep
        tag={state.tag}
        capturing={state.busy === 'capturing'}
        disabled={!idle && state.busy !== 'capturing'}
        onCapture={capture}
      />
      {document ? (
        <DocumentStep
          tag={state.tag}
          document={state.document}
          hasBack={document.hasBack}
          adding={state.busy === 'adding-document'}
          disabled={!idle}
          onAdd={addDocument}
        />
      ) : null}
      <Card title={`${document ? 3 : 2}. ${JOB_TYPE_NAMES[jobType]}`}>
        {fields}
        <Row>
          <ActionButton
            label="Submit"
            onPress={() => submit(request)}
            busy={submitting}
            disabled={!ready}
            testID="submit"
          />
          {submitting ? (
            <ActionButton label="Cancel" kind="secondary" onPress={cancel} testID="cancel" />
          ) : (
            <ActionButton
              label="Queue for later"
              kind="secondary"
              onPress={() => queue(request)}
              disabled={!ready}
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
