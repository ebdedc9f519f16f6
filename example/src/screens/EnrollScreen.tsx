import React, { useState } from 'react';

import { JobFlow } from '../components/JobFlow';
import { Screen } from '../components/Screen';
import { TextField } from '../components/TextField';

const INTRO =
  "Registers a user's face: the selfie and liveness images become the reference that later " +
  'authentications compare against.';

/** SmartSelfie Enrollment (job 4): registers the selfie under a new user id. */
export function EnrollScreen() {
  const [userId, setUserId] = useState(() => `user-${Date.now().toString(36)}`);
  return (
    <Screen intro={INTRO}>
      <JobFlow
        jobType={4}
        request={{ userId }}
        fields={
          <TextField label="User id" value={userId} onChangeText={setUserId} testID="user-id" />
        }
      />
    </Screen>
  );
}
