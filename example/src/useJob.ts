/**
 * One job on one screen: capture a selfie (camera or bundled photo), add a document for the
 * document jobs, submit it or queue it, follow its progress, keep its result or error. The
 * package does the work; this only holds UI state.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import RnSmileId from 'react-native-smileid-rs';
import type {
  CapturedDocument,
  IdInfo,
  JobResult,
  TagJobOptions,
  TagJobType,
  ProgressEvent,
  SmileIdError,
} from 'react-native-smileid-rs';

import { bundledDocumentUris, bundledSelfieUri } from './bundledPhotos';
import { asSmileIdError } from './errors';
import { newJobId } from './jobTypes';
import { CALLBACK_URL } from './sandbox';
import { useSession } from './session';

export type SelfieSource = 'camera' | 'bundled';

/** What the screen's form provides for a job. */
export type JobRequest = { userId: string; idInfo?: IdInfo };

export type JobState = {
  tag: string | null;
  /** The document added to the tag (document jobs). */
  document: CapturedDocument | null;
  busy: 'capturing' | 'adding-document' | 'submitting' | 'queueing' | null;
  /** This job's progress events, oldest first. */
  progress: ProgressEvent[];
  result: JobResult | null;
  /** The job id `enqueueJob` resolved with. */
  queuedJobId: string | null;
  error: SmileIdError | null;
};

const IDLE: JobState = {
  tag: null,
  document: null,
  busy: null,
  progress: [],
  result: null,
  queuedJobId: null,
  error: null,
};

/** How long submitJob waits for the result before handing back an incomplete job. */
const POLLING_TIMEOUT_MILLIS = 30_000;

export function useJob(jobType: TagJobType) {
  const { record } = useSession();
  const [state, setState] = useState<JobState>(IDLE);
  const jobId = useRef<string | null>(null);
  const update = (patch: Partial<JobState>) => setState(s => ({ ...s, ...patch }));

  useEffect(() => {
    const subscription = RnSmileId.addProgressListener(event => {
      if (event.jobId === jobId.current) {
        setState(s => ({ ...s, progress: [...s.progress, event] }));
      }
    });
    return () => subscription.remove();
  }, []);

  const capture = useCallback(async (source: SelfieSource) => {
    setState({ ...IDLE, busy: 'capturing' });
    try {
      const { tag } =
        source === 'camera'
          ? await RnSmileId.captureSelfie()
          : await RnSmileId.captureSelfieFromFiles({ selfie: bundledSelfieUri() });
      update({ tag, busy: null });
    } catch (e) {
      update({ busy: null, error: asSmileIdError(e) });
    }
  }, []);

  /** The bundled specimen card as the tag's document; its back only when `withBack`. */
  const addDocument = async (withBack: boolean) => {
    if (!state.tag) return;
    update({ busy: 'adding-document', document: null, error: null });
    try {
      const { front, back } = bundledDocumentUris();
      const document = await RnSmileId.captureDocumentFromFiles({
        tag: state.tag,
        front,
        back: withBack ? back : undefined,
      });
      update({ busy: null, document });
    } catch (e) {
      update({ busy: null, error: asSmileIdError(e) });
    }
  };

  const options = (tag: string, id: string, request: JobRequest): TagJobOptions => {
    const common = {
      tag,
      partnerParams: { job_id: id, user_id: request.userId },
      callbackUrl: CALLBACK_URL,
      jobStatusPollingTimeoutMillis: POLLING_TIMEOUT_MILLIS,
    };
    // A document job always sends its id_info: an empty one is refused naming it.
    if (jobType === 6 || jobType === 11)
      return { ...common, jobType, idInfo: request.idInfo ?? {} };
    return { ...common, jobType, idInfo: request.idInfo };
  };

  const submit = async (request: JobRequest) => {
    if (!state.tag) return;
    const id = newJobId();
    jobId.current = id;
    update({ busy: 'submitting', progress: [], result: null, error: null, queuedJobId: null });
    record({ jobId: id, userId: request.userId, jobType });
    try {
      const result = await RnSmileId.submitJob(options(state.tag, id, request));
      record({ jobId: id, result });
      // A successful job releases its tag: the next job needs a new capture.
      const done = result.jobSuccess;
      update({
        busy: null,
        result,
        tag: done ? null : state.tag,
        document: done ? null : state.document,
      });
    } catch (e) {
      const error = asSmileIdError(e);
      record({ jobId: id, error });
      update({ busy: null, error });
    }
  };

  const queue = async (request: JobRequest) => {
    if (!state.tag) return;
    update({ busy: 'queueing', result: null, error: null, progress: [] });
    try {
      const queuedJobId = await RnSmileId.enqueueJob(options(state.tag, newJobId(), request));
      update({ busy: null, queuedJobId });
    } catch (e) {
      update({ busy: null, error: asSmileIdError(e) });
    }
  };

  const cancel = () => {
    if (jobId.current) {
      RnSmileId.cancelJob(jobId.current).catch(e => update({ error: asSmileIdError(e) }));
    }
  };

  return { state, capture, addDocument, submit, queue, cancel };
}
