import {
  Button,
  Checkbox,
  Divider,
  ListItemText,
  Menu,
  MenuItem,
} from '@material-ui/core';
import ViewColumnIcon from '@material-ui/icons/ViewColumn';
import { useState } from 'react';

export interface ColumnChooserProps {
  columns: { id: string; title: string; required?: boolean }[];
  visible: string[];
  onChange(visible: string[]): void;
  /** Offered when the user has chosen: back to the default for the screen width. */
  onReset?(): void;
}

/** A menu of the table's columns, each with a checkbox. */
export const ColumnChooser = ({
  columns,
  visible,
  onChange,
  onReset,
}: ColumnChooserProps) => {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const toggle = (id: string) =>
    onChange(
      visible.includes(id)
        ? visible.filter(v => v !== id)
        : // Keep the table's order, not the order of clicks.
          columns.map(c => c.id).filter(c => c === id || visible.includes(c)),
    );
  return (
    <>
      <Button
        size="small"
        startIcon={<ViewColumnIcon />}
        onClick={e => setAnchor(e.currentTarget)}
        aria-haspopup="true"
      >
        Columns
      </Button>
      <Menu
        anchorEl={anchor}
        open={Boolean(anchor)}
        onClose={() => setAnchor(null)}
        keepMounted={false}
      >
        {columns.map(column => (
          <MenuItem
            key={column.id}
            disabled={column.required}
            onClick={() => toggle(column.id)}
          >
            <Checkbox
              size="small"
              checked={column.required || visible.includes(column.id)}
              inputProps={{ 'aria-label': `column ${column.title}` }}
            />
            <ListItemText primary={column.title} />
          </MenuItem>
        ))}
        {onReset && <Divider />}
        {onReset && (
          <MenuItem
            onClick={() => {
              onReset();
              setAnchor(null);
            }}
          >
            <ListItemText
              primary="Default for this screen width"
              secondary="more columns on wider screens"
            />
          </MenuItem>
        )}
      </Menu>
    </>
  );
};
