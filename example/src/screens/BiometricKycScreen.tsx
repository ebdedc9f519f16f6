import React, { useState } from 'react';
import type { IdInfo } from 'react-native-smileid-rs';

import { JobFlow } from '../components/JobFlow';
import { Row } from '../components/Row';
import { Screen } from '../components/Screen';
import { TextField } from '../components/TextField';

/** The sandbox's test identity: a Nigerian BVN that validates. */
const SANDBOX_ID: IdInfo = {
  country: 'NG',
  id_type: 'BVN',
  id_number: '00000000000',
  first_name: 'Ada',
  last_name: 'Obi',
};

const FIELDS: { key: keyof IdInfo; label: string; numeric?: boolean }[] = [
  { key: 'country', label: 'Country' },
  { key: 'id_type', label: 'ID type' },
  { key: 'id_number', label: 'ID number', numeric: true },
  { key: 'first_name', label: 'First name' },
  { key: 'last_name', label: 'Last name' },
];

const INTRO =
  'Verifies an ID number with the issuing authority and compares the selfie with the photo on ' +
  'record.';

/** Biometric KYC (job 1): the ID number with its authority, the selfie with the photo on record. */
export function BiometricKycScreen() {
  const [userId, setUserId] = useState(() => `kyc-${Date.now().toString(36)}`);
  const [idInfo, setIdInfo] = useState<IdInfo>(SANDBOX_ID);
  return (
    <Screen intro={INTRO}>
      <JobFlow
        jobType={1}
        request={{ userId, idInfo }}
        fields={
          <>
            <TextField label="User id" value={userId} onChangeText={setUserId} testID="user-id" />
            <Row>
              {FIELDS.map(({ key, label, numeric }) => (
                <TextField
                  key={key}
                  label={label}
                  value={String(idInfo[key] ?? '')}
                  onChangeText={text => setIdInfo(info => ({ ...info, [key]: text }))}
                  keyboardType={numeric ? 'number-pad' : 'default'}
                  testID={`id-${key}`}
                  inRow
                />
              ))}
            </Row>
          </>
        }
      />
    </Screen>
  );
}
