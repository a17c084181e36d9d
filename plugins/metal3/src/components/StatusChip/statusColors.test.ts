import { lightTheme } from '@backstage/theme';
import { createTheme } from '@material-ui/core/styles';
import { CODE_HEALTH, healthColor, statusCodeColor } from './statusColors';

describe('status colours', () => {
  it("take the Backstage theme's status palette", () => {
    const { status } = lightTheme.palette;
    expect(healthColor(lightTheme, 'ok')).toBe(status.ok);
    expect(healthColor(lightTheme, 'progressing')).toBe(status.running);
    expect(healthColor(lightTheme, 'attention')).toBe(status.warning);
    expect(healthColor(lightTheme, 'error')).toBe(status.error);
    expect(healthColor(lightTheme, 'unknown')).toBe(status.aborted);
  });

  it("fall back to Material UI's palette in a theme without status colours", () => {
    const plain = createTheme();
    expect(healthColor(plain, 'error')).toBe(plain.palette.error.main);
    expect(healthColor(plain, 'ok')).toBe(plain.palette.success.main);
  });

  it('give the chart one distinct colour per status code, in the hue of its health', () => {
    const codes = Object.keys(CODE_HEALTH);
    const colours = codes.map(code => statusCodeColor(lightTheme, code));
    expect(new Set(colours).size).toBe(codes.length);
    // the first code of each health is the chip's own colour
    expect(statusCodeColor(lightTheme, 'provisioned')).toBe(
      lightTheme.palette.status.ok,
    );
    expect(statusCodeColor(lightTheme, 'error')).toBe(
      lightTheme.palette.status.error,
    );
    expect(statusCodeColor(lightTheme, 'something-new')).toBe(
      lightTheme.palette.status.aborted,
    );
  });
});
