import { Table, TableColumn } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import type {
  ImageDto,
  ImageVariant,
  NamespacedRef,
} from '@metal3-fleet/plugin-metal3-common';
import { LinkOrText, useMetal3Links } from '../../links';
import { FindingItem } from './FindingItem';
import { probeText } from './probeText';

/** One row per image and checksum/format variant: one URL may be used with two checksums. */
interface Row {
  id: string;
  image: ImageDto;
  variant?: ImageVariant;
}

export function imageRows(images: ImageDto[]): Row[] {
  return images.flatMap(image =>
    image.variants.length === 0
      ? [{ id: image.url, image }]
      : image.variants.map((variant, i) => ({
          id: `${image.url}#${i}`,
          image,
          variant,
        })),
  );
}

const Users = ({
  cluster,
  pools,
  hosts,
}: {
  cluster: string;
  pools: NamespacedRef[];
  hosts: NamespacedRef[];
}) => {
  const links = useMetal3Links();
  return (
    <>
      {pools.map(p => (
        <div key={`pool-${p.namespace}/${p.name}`}>
          pool{' '}
          <LinkOrText to={links.pool({ cluster, ...p })}>{p.name}</LinkOrText>
        </div>
      ))}
      {hosts.map(h => (
        <div key={`host-${h.namespace}/${h.name}`}>
          host{' '}
          <LinkOrText to={links.host({ cluster, ...h })}>{h.name}</LinkOrText>
        </div>
      ))}
    </>
  );
};

const columns: TableColumn<Row>[] = [
  {
    title: 'Image URL',
    render: ({ image }) => (
      <Typography variant="body2" style={{ wordBreak: 'break-all' }}>
        {image.url}
      </Typography>
    ),
  },
  {
    title: 'Versioned name',
    render: ({ image }) => {
      if (image.versioned === undefined) return 'no file name';
      return image.versioned ? 'yes' : 'no';
    },
  },
  {
    title: 'Checksum',
    render: ({ variant }) => (
      <Typography variant="body2" style={{ wordBreak: 'break-all' }}>
        {variant?.checksum ?? 'none'}
        {variant?.checksumType && ` (${variant.checksumType})`}
      </Typography>
    ),
  },
  { title: 'Format', render: ({ variant }) => variant?.format ?? '—' },
  {
    title: 'Used by',
    render: ({ image, variant }) => (
      <Users
        cluster={image.cluster}
        pools={variant?.pools ?? image.pools}
        hosts={variant?.hosts ?? image.hosts}
      />
    ),
  },
  { title: 'URL', render: ({ image }) => probeText(image.urlProbe) },
  {
    title: 'Checksum URL',
    render: ({ variant }) =>
      variant?.checksumProbe ? probeText(variant.checksumProbe) : '—',
  },
];

/**
 * The images one cluster uses. An image's problems (unreachable, no
 * checksum, unversioned) are listed under the table with their fixes, once
 * per image, not once per variant row.
 */
export const ImagesTable = ({
  cluster,
  images,
}: {
  cluster: string;
  images: ImageDto[];
}) => {
  const problems = images.flatMap(i =>
    i.findings.filter(f => f.outcome !== 'ok'),
  );
  return (
    <Box mb={3}>
      <Table
        title={`Cluster ${cluster}: ${images.length} image${
          images.length === 1 ? '' : 's'
        } in use`}
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={imageRows(images)}
      />
      {problems.map((f, i) => (
        <FindingItem key={`${f.subject.name}-${f.check}-${i}`} finding={f} />
      ))}
    </Box>
  );
};
