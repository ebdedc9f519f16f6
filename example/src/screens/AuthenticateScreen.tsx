import React, { useState } from 'react';

import { JobFlow } from '../components/JobFlow';
import { Screen } from '../components/Screen';
import { TextField } from '../components/TextField';
import { useEnrolledUserId } from '../session';

const INTRO =
  'Checks that a new selfie is the enrolled user: enrol first, then authenticate with the same ' +
  'user id.';

/** SmartSelfie Authentication (job 2): compares a new selfie with an enrolled user's. */
export function AuthenticateScreen() {
  const enrolled = useEnrolledUserId();
  const [typed, setTyped] = useState<string | null>(null);
  // Until the user types, the field follows the latest enrolment of this run.
  const userId = typed ?? enrolled ?? '';
  return (
    <Screen intro={INTRO}>
      <JobFlow
        jobType={2}
        request={{ userId }}
        fields={
          <TextField
            label="Enrolled user id"
            value={userId}
            onChangeText={setTyped}
            testID="user-id"
          />
        }
      />
    </Screen>
  );
}
