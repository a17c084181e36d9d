import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RunbookFilterToggles } from './RunbookFilterToggles';

describe('RunbookFilterToggles', () => {
  it('offers is:noncompliant and is:drift, adding and removing their token in the search', async () => {
    const onChange = jest.fn();
    const { rerender } = await renderInTestApp(
      <RunbookFilterToggles q="dell" onChange={onChange} />,
    );
    await userEvent.click(screen.getByRole('checkbox', { name: 'Drift' }));
    expect(onChange).toHaveBeenLastCalledWith('dell is:drift');
    rerender(
      <RunbookFilterToggles q="dell is:noncompliant" onChange={onChange} />,
    );
    const noncompliant = screen.getByRole('checkbox', {
      name: 'Noncompliant node labels',
    });
    expect(noncompliant).toBeChecked();
    await userEvent.click(noncompliant);
    expect(onChange).toHaveBeenLastCalledWith('dell');
  });
});
