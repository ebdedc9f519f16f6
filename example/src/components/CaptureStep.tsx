import React from 'react';
import { StyleSheet, Text } from 'react-native';

import type { SelfieSource } from '../useJob';
import { colors, font } from '../theme';
import { ActionButton } from './ActionButton';
import { Card } from './Card';
import { Row } from './Row';

type Props = {
  tag: string | null;
  capturing: boolean;
  disabled: boolean;
  onCapture(source: SelfieSource): void;
};

/** Step 1: a SmartSelfie from the camera screen or from the photo bundled with the app. */
export function CaptureStep({ tag, capturing, disabled, onCapture }: Props) {
  return (
    <Card title="1. Selfie">
      <Text style={styles.hint}>
        {tag
          ? `Captured as tag ${tag}: one selfie and seven liveness images.`
          : 'Take a SmartSelfie with the front camera, or use the photo bundled with the app.'}
      </Text>
      <Row>
        <ActionButton
          label="Open camera"
          onPress={() => onCapture('camera')}
          busy={capturing}
          disabled={disabled}
          testID="capture-camera"
        />
        <ActionButton
          label="Bundled photo"
          kind="secondary"
          onPress={() => onCapture('bundled')}
          disabled={disabled || capturing}
          testID="capture-bundled"
        />
      </Row>
    </Card>
  );
}

const styles = StyleSheet.create({
  hint: { fontSize: font.small, color: colors.muted, lineHeight: 19 },
});
