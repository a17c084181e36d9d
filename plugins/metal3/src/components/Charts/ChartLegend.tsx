import { ButtonBase, makeStyles, Typography } from '@material-ui/core';
import { formatCount } from '../../lib/units';

export interface ChartLegendItem {
  key: string;
  label: string;
  color: string;
  count: number;
  selected?: boolean;
  /** Absent: the item only explains a colour. */
  onClick?(): void;
}

const useStyles = makeStyles(theme => ({
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5, 1.5),
    marginTop: theme.spacing(1),
  },
  item: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.75),
    padding: theme.spacing(0.25, 0.75),
    borderRadius: theme.shape.borderRadius,
    whiteSpace: 'nowrap',
  },
  selected: {
    outline: `2px solid ${theme.palette.text.primary}`,
  },
  swatch: {
    display: 'inline-block',
    width: 12,
    height: 12,
    borderRadius: 2,
  },
}));

/**
 * The colours of a chart with their totals. An item with a click filters
 * on its value across every bar, as the count chips of the fleet page did.
 */
export const ChartLegend = ({
  label,
  items,
}: {
  label: string;
  items: ChartLegendItem[];
}) => {
  const classes = useStyles();
  return (
    <div className={classes.legend} aria-label={label}>
      {items.map(item => {
        const content = (
          <>
            <span
              className={classes.swatch}
              style={{ backgroundColor: item.color }}
            />
            <Typography variant="body2" component="span">
              {`${item.label}: ${formatCount(item.count)}`}
            </Typography>
          </>
        );
        return item.onClick ? (
          <ButtonBase
            key={item.key}
            className={`${classes.item} ${
              item.selected ? classes.selected : ''
            }`}
            aria-pressed={item.selected ?? false}
            onClick={item.onClick}
          >
            {content}
          </ButtonBase>
        ) : (
          <span key={item.key} className={classes.item}>
            {content}
          </span>
        );
      })}
    </div>
  );
};
