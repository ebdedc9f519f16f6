import React, { useState } from 'react';
import { StyleSheet, Text } from 'react-native';
import RnSmileId from 'react-native-smileid-rs';
import type { EnhancedKycResult, ServiceIdType, SmileIdError } from 'react-native-smileid-rs';

import { ActionButton } from '../components/ActionButton';
import { Card } from '../components/Card';
import { ChoiceChips } from '../components/ChoiceChips';
import { ErrorBox } from '../components/ErrorBox';
import { ResultCard } from '../components/ResultCard';
import { Row } from '../components/Row';
import { Screen } from '../components/Screen';
import { TextField } from '../components/TextField';
import { asSmileIdError } from '../errors';
import { newJobId } from '../jobTypes';
import { useSession } from '../session';
import { colors, font } from '../theme';
import { useLookup } from '../useLookup';

const INTRO =
  'Checks ID details with the issuing authority and returns what it holds: no selfie, the ' +
  'answer at once.';

/** The fields the form asks for; the rest of `required_fields` are the pickers and the ids. */
const FIELD_LABELS: Record<string, string> = {
  id_number: 'ID number',
  first_name: 'First name',
  middle_name: 'Middle name',
  last_name: 'Last name',
  dob: 'Date of birth (yyyy-mm-dd)',
  bank_code: 'Bank code',
  citizenship: 'Citizenship',
};
const NOT_ASKED = ['country', 'id_type', 'user_id', 'job_id'];

/** An ID type's form fields, the ID number filled with the sandbox's test number. */
function fieldsFor(spec: ServiceIdType | undefined): Record<string, string> {
  const keys = (spec?.required_fields ?? ['id_number']).filter(k => !NOT_ASKED.includes(k));
  return Object.fromEntries(keys.map(k => [k, k === 'id_number' ? (spec?.test_data ?? '') : '']));
}

/**
 * Enhanced KYC (job 5): the country and ID type pickers and the ID type's required fields from
 * `services()`, then `submitJob({ jobType: 5, idInfo })`.
 */
export function EnhancedKycScreen() {
  const { record } = useSession();
  const services = useLookup(RnSmileId.services);
  const [country, setCountry] = useState('NG');
  const [idType, setIdType] = useState('BVN');
  const [fields, setFields] = useState<Record<string, string> | null>(null);
  const [userId, setUserId] = useState(() => `ekyc-${Date.now().toString(36)}`);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<EnhancedKycResult | null>(null);
  const [error, setError] = useState<SmileIdError | null>(null);

  const countries = services.value?.hosted_web.enhanced_kyc ?? {};
  const idTypes = countries[country]?.id_types ?? {};
  const spec = idTypes[idType];
  // Until an ID type is picked, the default one's fields.
  const values = fields ?? fieldsFor(spec);

  const selectIdType = (code: string, within = idTypes) => {
    setIdType(code);
    setFields(fieldsFor(within[code]));
  };
  const selectCountry = (code: string) => {
    setCountry(code);
    const offered = countries[code]?.id_types ?? {};
    selectIdType(idType in offered ? idType : (Object.keys(offered)[0] ?? ''), offered);
  };

  const submit = async () => {
    const jobId = newJobId();
    setBusy(true);
    setResult(null);
    setError(null);
    record({ jobId, userId, jobType: 5 });
    try {
      const answer = await RnSmileId.submitJob({
        jobType: 5,
        idInfo: { ...values, country, id_type: idType },
        partnerParams: { job_id: jobId, user_id: userId },
      });
      record({ jobId, result: answer });
      setResult(answer);
    } catch (e) {
      const failure = asSmileIdError(e);
      record({ jobId, error: failure });
      setError(failure);
    }
    setBusy(false);
  };

  return (
    <Screen intro={INTRO}>
      <Card title="The ID">
        {services.error ? <ErrorBox error={services.error} /> : null}
        {!services.value ? (
          <Text style={styles.hint}>Loading Smile ID's countries and ID types…</Text>
        ) : (
          <>
            <ChoiceChips
              label="Country"
              choices={Object.entries(countries).map(([code, c]) => ({ key: code, label: c.name }))}
              selected={country}
              onSelect={selectCountry}
              testID="country"
            />
            <ChoiceChips
              label="ID type"
              choices={Object.entries(idTypes).map(([code, t]) => ({ key: code, label: t.label }))}
              selected={spec ? idType : null}
              onSelect={code => selectIdType(code)}
              testID="id-type"
            />
            <TextField label="User id" value={userId} onChangeText={setUserId} testID="user-id" />
            <Row>
              {Object.entries(values).map(([key, value]) => (
                <TextField
                  key={key}
                  label={FIELD_LABELS[key] ?? key}
                  value={value}
                  onChangeText={text => setFields({ ...values, [key]: text })}
                  testID={`id-${key}`}
                  inRow
                />
              ))}
            </Row>
          </>
        )}
        <ActionButton
          label="Verify"
          onPress={submit}
          busy={busy}
          disabled={!spec}
          testID="submit"
        />
      </Card>
      {error ? <ErrorBox error={error} /> : null}
      {result ? <ResultCard result={result} /> : null}
    </Screen>
  );
}

const styles = StyleSheet.create({
  hint: { fontSize: font.small, color: colors.muted },
});
