import { Pagination, type PaginationProps, useListContext, useTranslate } from 'react-admin';

/** The stock pagination, saying "about N" when the API estimated the total of a large list. */
export const ListPagination = (props: PaginationProps) => {
  const { meta } = useListContext();
  const translate = useTranslate();
  const estimated = meta?.estimatedTotal === true;
  return (
    <Pagination
      {...props}
      {...(estimated && {
        labelDisplayedRows: ({ from, to, count }: { from: number; to: number; count: number }) =>
          translate('app.navigation.estimated_page_range_info', {
            offsetBegin: from,
            offsetEnd: to,
            total: count.toLocaleString(),
            _: '%{offsetBegin}-%{offsetEnd} of about %{total}',
          }),
      })}
    />
  );
};
