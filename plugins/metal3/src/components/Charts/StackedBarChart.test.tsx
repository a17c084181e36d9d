import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StackedBarChart, StackedBarRow } from './StackedBarChart';

const rows: StackedBarRow[] = [
  { id: 'a', label: 'a', values: { up: 3, down: 0, gone: 2 } },
  { id: 'b', label: 'b', values: { up: 1 } },
];
const series = [
  { key: 'up', label: 'up', color: '#0a0' },
  { key: 'down', label: 'down', color: '#a00' },
  { key: 'gone', label: 'gone', color: '#999', selectable: false },
];

describe('StackedBarChart', () => {
  it('makes each part a named button that a click or the keyboard selects', async () => {
    const onSelect = jest.fn();
    await renderInTestApp(
      <StackedBarChart
        title="test"
        rows={rows}
        series={series}
        describe={(row, s, value) => `${row.label} ${s.label} ${value}`}
        isSelected={(row, s) => row.id === 'b' && s.key === 'up'}
        onSelect={(row, s) => onSelect(row.id, s.key)}
      />,
    );
    // zero parts are not drawn; an unselectable part is a picture, not a button
    expect(
      screen.getAllByRole('button').map(b => b.getAttribute('aria-label')),
    ).toEqual(['a up 3', 'b up 1']);
    expect(screen.getByRole('img', { name: 'a gone 2' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'b up 1' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    // what is not selected fades
    expect(
      screen.getByRole('button', { name: 'a up 3' }).querySelector('rect'),
    ).toHaveAttribute('fill-opacity', '0.35');

    await userEvent.click(screen.getByRole('button', { name: 'a up 3' }));
    expect(onSelect).toHaveBeenLastCalledWith('a', 'up');
    screen.getByRole('button', { name: 'b up 1' }).focus();
    await userEvent.keyboard('{Enter}');
    expect(onSelect).toHaveBeenLastCalledWith('b', 'up');
    await userEvent.click(screen.getByRole('img', { name: 'a gone 2' }));
    expect(onSelect).toHaveBeenCalledTimes(2);
  });

  it('draws parts proportional to their values', async () => {
    await renderInTestApp(
      <StackedBarChart
        title="test"
        rows={rows}
        series={series}
        describe={(row, s, value) => `${row.label} ${s.label} ${value}`}
      />,
    );
    const width = (name: string) =>
      Number(
        screen
          .getByRole('img', { name })
          .querySelector('rect')!
          .getAttribute('width'),
      );
    expect(width('a up 3') / width('a gone 2')).toBeCloseTo(1.5, 1);
    expect(width('a up 3') / width('b up 1')).toBeCloseTo(3, 1);
  });
});
