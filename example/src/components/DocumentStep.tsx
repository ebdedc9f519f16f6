import React from 'react';
import { StyleSheet, Text } from 'react-native';
import type { CapturedDocument } from 'react-native-smileid-rs';

import { colors, font } from '../theme';
import { ActionButton } from './ActionButton';
import { Card } from './Card';

type Props = {
  tag: string | null;
  document: CapturedDocument | null;
  /** The document type has a back: photograph it too. */
  hasBack: boolean;
  adding: boolean;
  disabled: boolean;
  onAdd(withBack: boolean): void;
};

/** Step 2 of a document job: the document's photos, added to the selfie's tag. */
export function DocumentStep({ tag, document, hasBack, adding, disabled, onAdd }: Props) {
  const sides = hasBack ? 'front and back' : 'front (this document has no back)';
  const hint = document
    ? `Added to tag ${document.tag}: the ${document.backPath ? 'front and back' : 'front'}.`
    : tag
      ? `Photos of the document's ${sides}: the specimen card bundled with the app.`
      : 'Take the selfie first: the document joins its tag.';
  return (
    <Card title="2. Document">
      <Text style={styles.hint} testID="document-hint">
        {hint}
      </Text>
      <ActionButton
        label={hasBack ? 'Bundled specimen, both sides' : 'Bundled specimen, front'}
        kind="secondary"
        onPress={() => onAdd(hasBack)}
        busy={adding}
        disabled={!tag || disabled}
        testID="document-bundled"
      />
    </Card>
  );
}

const styles = StyleSheet.create({
  hint: { fontSize: font.small, color: colors.muted, lineHeight: 19 },
});
