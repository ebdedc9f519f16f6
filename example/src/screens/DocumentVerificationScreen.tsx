import React, { useState } from 'react';
import { StyleSheet, Text } from 'react-native';
import RnSmileId from 'react-native-smileid-rs';
import type { DocumentJobType } from 'react-native-smileid-rs';

import { Card } from '../components/Card';
import { ChoiceChips, type Choice } from '../components/ChoiceChips';
import { ErrorBox } from '../components/ErrorBox';
import { JobFlow } from '../components/JobFlow';
import { Screen } from '../components/Screen';
import { TextField } from '../components/TextField';
import { colors, font } from '../theme';
import { useLookup } from '../useLookup';

const INTRO =
  "Compares the selfie with the photo on an ID document and reads the document's details; the " +
  'enhanced job also checks them with the issuing authority.';

const PRODUCTS: Choice<`${DocumentJobType}`>[] = [
  { key: '6', label: 'Document Verification' },
  { key: '11', label: 'Enhanced (job 11)' },
];

/** Where `services()` lists each document job's countries. */
const CATALOGUE_KEYS = {
  6: 'doc_verification',
  11: 'enhanced_document_verification',
} as const;

/**
 * Document Verification (6) or Enhanced Document Verification (11): the countries from
 * `services()`, each country's documents from `validDocuments()`, whose `has_back` decides
 * whether the back is photographed too.
 */
export function DocumentVerificationScreen() {
  const services = useLookup(RnSmileId.services);
  const documents = useLookup(RnSmileId.validDocuments);
  const [jobType, setJobType] = useState<DocumentJobType>(6);
  const [country, setCountry] = useState('NG');
  const [idType, setIdType] = useState('PASSPORT');
  const [userId, setUserId] = useState(() => `doc-${Date.now().toString(36)}`);

  const countries = Object.entries(services.value?.hosted_web[CATALOGUE_KEYS[jobType]] ?? {});
  const types =
    documents.value?.valid_documents.find(d => d.country.code === country)?.id_types ?? [];
  const selected = types.find(t => t.code === idType);
  const error = services.error ?? documents.error;

  const selectCountry = (code: string) => {
    setCountry(code);
    const offered = documents.value?.valid_documents.find(d => d.country.code === code);
    if (!offered?.id_types.some(t => t.code === idType)) {
      setIdType(offered?.id_types[0]?.code ?? '');
    }
  };

  return (
    <Screen intro={INTRO}>
      <Card title="The document">
        {error ? <ErrorBox error={error} /> : null}
        {!services.value || !documents.value ? (
          <Text style={styles.hint}>Loading Smile ID's countries and documents…</Text>
        ) : (
          <>
            <ChoiceChips
              label="Product"
              choices={PRODUCTS}
              selected={`${jobType}`}
              onSelect={key => setJobType(key === '6' ? 6 : 11)}
              testID="product"
            />
            <ChoiceChips
              label="Issuing country"
              choices={countries.map(([code, c]) => ({ key: code, label: c.name }))}
              selected={country}
              onSelect={selectCountry}
              testID="country"
            />
            <ChoiceChips
              label="Document type"
              choices={types.map(t => ({ key: t.code, label: t.name }))}
              selected={selected ? selected.code : null}
              onSelect={setIdType}
              testID="id-type"
            />
          </>
        )}
      </Card>
      <JobFlow
        jobType={jobType}
        request={{ userId, idInfo: { country, id_type: idType } }}
        document={{ hasBack: selected?.has_back ?? false }}
        fields={
          <TextField label="User id" value={userId} onChangeText={setUserId} testID="user-id" />
        }
      />
    </Screen>
  );
}

const styles = StyleSheet.create({
  hint: { fontSize: font.small, color: colors.muted },
});
