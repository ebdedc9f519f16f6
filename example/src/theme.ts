/** Colours, spacing and type sizes shared by the screens. */
export const colors = {
  background: '#F3F5F9',
  surface: '#FFFFFF',
  border: '#DDE3EC',
  text: '#16213A',
  muted: '#5E6B82',
  primary: '#1D5FD1',
  primarySoft: '#E7EFFC',
  success: '#17804F',
  successSoft: '#E3F4EB',
  danger: '#B3261E',
  dangerSoft: '#FCEBEA',
  warning: '#9A5B00',
  warningSoft: '#FFF3DC',
  code: '#0F172A',
};

export const space = { xs: 4, s: 8, m: 12, l: 16, xl: 24 };

export const radius = 10;

export const font = {
  title: 22,
  heading: 16,
  body: 15,
  small: 13,
  tab: 11,
  mono: 12,
};
